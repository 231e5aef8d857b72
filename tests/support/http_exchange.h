#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace openclaw::testsupport {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  int status = 0;  // 0: no answer before the deadline or the connection failed
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // de-chunked
  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
};

// One HTTP/1.1 request to 127.0.0.1:`port` over a plain socket, as curl would send it
// (Content-Length, Connection: close); reads the whole answer until the server closes or the
// deadline passes. For the HTTP API tests of the real gateway binary.
HttpReply httpExchange(int port, const std::string& method, const std::string& path,
                       const HttpHeaders& headers = {}, const std::string& body = "",
                       std::chrono::milliseconds deadline = std::chrono::seconds(30));

// A request whose answer is read bit by bit (Server-Sent Events), and which the test may
// abandon mid-answer (a client that disconnects).
class HttpStreamingExchange {
 public:
  HttpStreamingExchange(int port, const std::string& method, const std::string& path,
                        const HttpHeaders& headers, const std::string& body);
  ~HttpStreamingExchange();  // close()
  HttpStreamingExchange(const HttpStreamingExchange&) = delete;
  HttpStreamingExchange& operator=(const HttpStreamingExchange&) = delete;

  // Reads until the raw answer so far (head and chunk framing included) contains `needle`;
  // whether it did before the deadline.
  bool readUntil(const std::string& needle, std::chrono::milliseconds deadline);
  // Reads to the end (the server closes the connection); the answer as httpExchange gives it.
  HttpReply finish(std::chrono::milliseconds deadline = std::chrono::seconds(30));
  // Hangs up at once (RST is not forced: a plain close).
  void close();
  const std::string& raw() const { return raw_; }

 private:
  int fd_ = -1;
  std::string raw_;
};

// What a JSON API call carries: the bearer token and the JSON content type.
HttpHeaders jsonBearerHeaders(const std::string& token);

// The answer's body as JSON (discarded when it is not JSON).
nlohmann::json bodyOf(const HttpReply& reply);
// The OpenAI error envelope's `error.type`, or the whole body when it has none.
std::string errorType(const HttpReply& reply);

// The `data:` payloads of a Server-Sent Events body, in order.
std::vector<std::string> sseDataPayloads(const std::string& body);

}  // namespace openclaw::testsupport
