#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace openclaw::rpc {

// A plain HTTP request on the gateway port, without transport types.
struct HttpRequest {
  std::string method;                          // "GET", "HEAD", "POST", ...
  std::string path;                            // target without the query string
  std::string query;                           // after '?', may be empty
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remoteAddress;
};

struct HttpResponse {
  unsigned status = 200;
  std::string contentType = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static HttpResponse json(unsigned status, const std::string& body);
};

// Routes plain HTTP on the gateway port by exact path, then by path prefix. Later features
// (OpenAI-compatible APIs, Control UI) register their own routes; HEAD is answered wherever GET
// is (the transport sends only the headers).
class HttpRouter {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  // Answers by calling `respond` exactly once, now or later on the event-loop thread (e.g. a
  // webhook that must persist what it received before acknowledging it).
  using Respond = std::function<void(HttpResponse)>;
  using AsyncHandler = std::function<void(const HttpRequest&, Respond)>;

  void add(const std::string& method, const std::string& path, Handler handler);
  void addAsync(const std::string& method, const std::string& path, AsyncHandler handler);
  // Serves `prefix` itself and every path below it ("/ui" covers "/ui" and "/ui/x", not
  // "/uix"); "" or "/" covers every path. Exact routes win over prefixes, a longer prefix over
  // a shorter one. A request under a prefix with another method falls through to 404, not 405:
  // a prefix route is a fallback, not a claim on every method of the paths it covers.
  void addPrefixAsync(const std::string& method, const std::string& prefix, AsyncHandler handler);

  // 404 for an unknown path, 405 (with Allow) for a known path and the wrong method.
  void dispatch(const HttpRequest& request, Respond respond) const;
  // dispatch() for routes that answer at once; an asynchronous route that has not answered yet
  // gives 500.
  HttpResponse route(const HttpRequest& request) const;

 private:
  // The handler of the longest prefix covering `path` for `method`, or null.
  const AsyncHandler* prefixHandler(const std::string& method, const std::string& path) const;

  std::map<std::string, std::map<std::string, AsyncHandler>> routes_;  // path -> method -> handler
  // prefix without its trailing '/' -> method -> handler
  std::map<std::string, std::map<std::string, AsyncHandler>> prefixes_;
};

}  // namespace openclaw::rpc
