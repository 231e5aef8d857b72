#include "rpc/http_router.h"

#include <memory>
#include <nlohmann/json.hpp>

namespace openclaw::rpc {
namespace {

// `message` may echo bytes from the request, which need not be UTF-8: replace invalid ones. The
// body is the gateway's ({ok:false, error}) and OpenAI's ({error:{message,type}}) at once, so
// OpenAI SDKs pointed at the gateway read it too.
HttpResponse errorResponse(unsigned status, const std::string& type, const std::string& message) {
  const nlohmann::json body = {{"ok", false}, {"error", {{"message", message}, {"type", type}}}};
  return HttpResponse::json(status,
                            body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

HttpResponse HttpResponse::json(unsigned status, const std::string& body) {
  HttpResponse response;
  response.status = status;
  response.body = body;
  return response;
}

std::string HttpRequest::header(const std::string& lowerCaseName) const {
  const auto found = headers.find(lowerCaseName);
  return found == headers.end() ? std::string() : found->second;
}

void HttpClientLink::onGone(std::function<void()> callback) {
  if (gone_) return callback();
  callbacks_.push_back(std::move(callback));
}

void HttpClientLink::markGone() {
  if (gone_) return;
  gone_ = true;
  // A callback may register another or drop the last owner of this link: run a local copy.
  const auto callbacks = std::move(callbacks_);
  for (const auto& callback : callbacks) callback();
}

bool HttpBodyStream::write(std::string piece) {
  if (ended_ || overflowed_) return false;
  if (pending_.size() + piece.size() > maxBuffered_) {
    overflowed_ = true;
    pending_.clear();
    wake();
    return false;
  }
  pending_ += piece;
  wake();
  return true;
}

void HttpBodyStream::end() {
  if (ended_) return;
  ended_ = true;
  wake();
}

std::string HttpBodyStream::takePending() {
  std::string taken;
  taken.swap(pending_);
  return taken;
}

HttpResponse HttpResponse::eventStream(std::shared_ptr<HttpBodyStream> stream) {
  HttpResponse response;
  response.contentType = "text/event-stream; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Accel-Buffering", "no");
  response.stream = std::move(stream);
  return response;
}

std::size_t HttpRouter::bodyLimit(const std::string& path) const {
  const auto found = bodyLimits_.find(path);
  return found == bodyLimits_.end() ? kDefaultBodyLimit : found->second;
}

void HttpRouter::add(const std::string& method, const std::string& path, Handler handler) {
  addAsync(method, path,
           [handler = std::move(handler)](const HttpRequest& request, const Respond& respond) {
             respond(handler(request));
           });
}

void HttpRouter::addAsync(const std::string& method, const std::string& path,
                          AsyncHandler handler) {
  routes_[path][method] = std::move(handler);
}

void HttpRouter::addPrefixAsync(const std::string& method, const std::string& prefix,
                                AsyncHandler handler) {
  std::string key = prefix;
  while (!key.empty() && key.back() == '/') key.pop_back();
  prefixes_[key][method] = std::move(handler);
}

const HttpRouter::AsyncHandler* HttpRouter::prefixHandler(const std::string& method,
                                                          const std::string& path) const {
  // Longest first: map order puts "/a/b" after "/a", so walk backwards.
  for (auto entry = prefixes_.rbegin(); entry != prefixes_.rend(); ++entry) {
    const std::string& prefix = entry->first;
    const bool covers = path.compare(0, prefix.size(), prefix) == 0 &&
                        (path.size() == prefix.size() || path[prefix.size()] == '/');
    if (!covers) continue;
    auto handler = entry->second.find(method);
    if (handler != entry->second.end()) return &handler->second;
  }
  return nullptr;
}

void HttpRouter::dispatch(const HttpRequest& request, Respond respond) const {
  const std::string& method = request.method == "HEAD" ? std::string("GET") : request.method;
  auto byPath = routes_.find(request.path);
  if (byPath == routes_.end()) {
    if (const AsyncHandler* handler = prefixHandler(method, request.path)) {
      return (*handler)(request, std::move(respond));
    }
    return respond(errorResponse(404, "not_found", "not found: " + request.path));
  }
  const auto& methods = byPath->second;
  auto handler = methods.find(method);
  if (handler == methods.end()) {
    HttpResponse response =
        errorResponse(405, "invalid_request_error", "method not allowed: " + request.method);
    std::string allow;
    for (const auto& [name, unused] : methods) {
      allow += (allow.empty() ? "" : ", ") + name + (name == "GET" ? ", HEAD" : "");
    }
    response.headers.emplace_back("Allow", allow);
    return respond(std::move(response));
  }
  handler->second(request, std::move(respond));
}

HttpResponse HttpRouter::route(const HttpRequest& request) const {
  auto answer =
      std::make_shared<HttpResponse>(errorResponse(500, "api_error", "no synchronous answer"));
  dispatch(request, [answer](HttpResponse response) { *answer = std::move(response); });
  return *answer;
}

}  // namespace openclaw::rpc
