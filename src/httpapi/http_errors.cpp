#include "httpapi/http_errors.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "protocol/gateway_error.h"

namespace openclaw::httpapi {

rpc::HttpResponse errorResponse(unsigned status, const std::string& type,
                                const std::string& message) {
  const nlohmann::json body = {{"error", {{"message", message}, {"type", type}}}};
  // Messages may quote request headers, which need not be UTF-8.
  rpc::HttpResponse response = rpc::HttpResponse::json(
      status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

rpc::HttpResponse invalidRequest(const std::string& message) {
  return errorResponse(400, "invalid_request_error", message);
}

rpc::HttpResponse unauthorized() { return errorResponse(401, "unauthorized", "Unauthorized"); }

rpc::HttpResponse missingScope(const std::string& scope) {
  const protocol::GatewayError error = protocol::GatewayError::missingScope(scope);
  const nlohmann::json body = {
      {"ok", false},
      {"error", {{"type", "forbidden"}, {"message", error.message}, {"details", error.details}}}};
  return rpc::HttpResponse::json(403, body.dump());
}

rpc::HttpResponse forbidden(const std::string& message) {
  return errorResponse(403, "forbidden", message);
}

rpc::HttpResponse notFound() { return errorResponse(404, "not_found", "Not Found"); }

rpc::HttpResponse rateLimited(std::int64_t retryAfterMs) {
  rpc::HttpResponse response = errorResponse(
      429, "rate_limited", "Too many failed authentication attempts. Please try again later.");
  const std::int64_t seconds = std::max<std::int64_t>(1, (retryAfterMs + 999) / 1000);
  response.headers.emplace_back("Retry-After", std::to_string(seconds));
  return response;
}

rpc::HttpResponse proxyAttributionRequired() {
  return errorResponse(403, "proxy_attribution_required",
                       "Proxy client attribution is required. Configure gateway.trustedProxies "
                       "narrowly and make the proxy overwrite or safely rebuild forwarded client "
                       "headers.");
}

rpc::HttpResponse shuttingDown() {
  rpc::HttpResponse response =
      errorResponse(503, "unavailable", "The gateway is shutting down; retry shortly.");
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

rpc::HttpResponse internalError(const std::string& message) {
  return errorResponse(500, "api_error", message);
}

}  // namespace openclaw::httpapi
