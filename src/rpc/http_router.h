#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace openclaw::rpc {

// Tells a handler that its client went away (closed or reset the connection) before the
// response was completely written, so it can stop the work the answer needed (an agent run).
// The transport marks it; handlers keep the request's shared_ptr. Event-loop thread only.
class HttpClientLink {
 public:
  // Calls `callback` once the client is gone; at once when it already is.
  void onGone(std::function<void()> callback);
  bool gone() const { return gone_; }
  // Transport side: the client disconnected. Runs the callbacks once.
  void markGone();

 private:
  bool gone_ = false;
  std::vector<std::function<void()>> callbacks_;
};

// A response body sent piece by piece as it is produced (Server-Sent Events): each write()
// goes out as one HTTP/1.1 chunk as soon as the socket takes it. What the client has not read
// yet is buffered up to a bound; past it the stream overflows, the transport drops the
// connection (a slow reader must not grow the gateway's memory) and the client link reports
// the client gone. Event-loop thread only.
class HttpBodyStream {
 public:
  static constexpr std::size_t kDefaultMaxBuffered = 8 * 1024 * 1024;
  explicit HttpBodyStream(std::size_t maxBuffered = kDefaultMaxBuffered)
      : maxBuffered_(maxBuffered) {}

  // Queues `piece`; false (and nothing queued) once the stream ended or overflowed.
  bool write(std::string piece);
  // No more pieces: the transport finishes the response after the queued ones.
  void end();

  // Transport side.
  void setWake(std::function<void()> wake) { wake_ = std::move(wake); }
  std::string takePending();
  bool hasPending() const { return !pending_.empty(); }
  bool ended() const { return ended_; }
  bool overflowed() const { return overflowed_; }

 private:
  void wake() const {
    if (wake_) wake_();
  }

  std::size_t maxBuffered_;
  std::string pending_;
  bool ended_ = false;
  bool overflowed_ = false;
  std::function<void()> wake_;
};

// A plain HTTP request on the gateway port, without transport types.
struct HttpRequest {
  std::string method;                          // "GET", "HEAD", "POST", ...
  std::string path;                            // target without the query string
  std::string query;                           // after '?', may be empty
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remoteAddress;
  std::shared_ptr<HttpClientLink> client = std::make_shared<HttpClientLink>();

  // The value of header `lowerCaseName`, or "" when the request has none.
  std::string header(const std::string& lowerCaseName) const;
};

struct HttpResponse {
  unsigned status = 200;
  std::string contentType = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, `body` is ignored and the body is what the stream produces (chunked encoding).
  std::shared_ptr<HttpBodyStream> stream;

  static HttpResponse json(unsigned status, const std::string& body);
  // 200 text/event-stream with no-cache headers, its body written through `stream`.
  static HttpResponse eventStream(std::shared_ptr<HttpBodyStream> stream);
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

  // Lets requests to exactly `path` carry bodies of up to `bytes` (the transport's default is
  // kDefaultBodyLimit); a larger one is answered 413 before its body is read.
  void limitBody(const std::string& path, std::size_t bytes) { bodyLimits_[path] = bytes; }
  std::size_t bodyLimit(const std::string& path) const;
  static constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;

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
  std::map<std::string, std::size_t> bodyLimits_;
};

}  // namespace openclaw::rpc
