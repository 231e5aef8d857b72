#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openclaw::net {

// An http:// or https:// URL split for a request. `target` is the path and query ("/" at least).
struct HttpUrl {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;
};

// Parses an absolute http(s) URL; nullopt for anything else (other schemes, no host, bad port).
std::optional<HttpUrl> parseHttpUrl(const std::string& url);

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  HttpHeaders headers;  // sent as given, after Host and User-Agent
  std::string body;     // sent when non-empty (set Content-Type in `headers`)
  // Resolving, connecting and the TLS handshake together must finish within this.
  std::chrono::milliseconds connectTimeout{15'000};
  // Each wait for response bytes (headers or the next body chunk) must finish within this.
  std::chrono::milliseconds idleTimeout{120'000};
  // When set, every address the host resolves to is passed here before connecting; a returned
  // reason fails the request (HttpError::Kind::Refused) without connecting anywhere. The
  // connection then goes to the addresses checked, with no second lookup.
  std::function<std::optional<std::string>(const boost::asio::ip::address&)> checkAddress;
};

struct HttpResponseHead {
  int status = 0;
  HttpHeaders headers;
  // The first header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
};

struct HttpError {
  enum class Kind {
    BadUrl,     // the URL is not a usable http(s) URL
    Connect,    // DNS, refused, unreachable, TLS handshake or certificate
    Refused,    // HttpRequest::checkAddress refused an address the host resolved to
    Timeout,    // connectTimeout or idleTimeout passed
    Network,    // the connection broke after it was established
    Protocol,   // the server's bytes are not valid HTTP/1.1
    Cancelled,  // HttpExchange::cancel() was called
  };
  Kind kind = Kind::Network;
  std::string message;
};

// What head() and readSome() throw when the exchange failed or was cancelled.
class HttpFailure : public std::runtime_error {
 public:
  explicit HttpFailure(HttpError error)
      : std::runtime_error(error.message), error_(std::move(error)) {}
  const HttpError& error() const { return error_; }

 private:
  HttpError error_;
};

// One request, driven by the coroutine that awaits it on the client's io_context: co_await head()
// once (it connects, sends the request and reads the response head), then co_await readSome()
// for each piece of the body as it arrives, until it returns an empty string (the body is
// complete and the connection closed). Both throw HttpFailure. cancel() closes the connection:
// an await in progress or after it throws HttpFailure with Kind::Cancelled, also when the
// operation had already finished but the coroutine had not resumed yet.
class HttpExchange {
 public:
  virtual ~HttpExchange() = default;
  virtual boost::asio::awaitable<HttpResponseHead> head() = 0;
  virtual boost::asio::awaitable<std::string> readSome() = 0;
  virtual void cancel() = 0;
};

// HTTP/1.1 client over TCP or TLS (SNI, peer verified against the system CA store). Each request
// uses its own connection. Runs on the given io_context; must be used from its thread.
class HttpClient {
 public:
  explicit HttpClient(boost::asio::io_context& io);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Nothing happens until the exchange's head() is awaited; a bad URL fails there (BadUrl).
  std::shared_ptr<HttpExchange> start(HttpRequest request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openclaw::net
