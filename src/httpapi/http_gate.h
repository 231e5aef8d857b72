#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "auth/auth_rate_limiter.h"
#include "config/gateway_settings.h"
#include "rpc/http_router.h"

namespace openclaw::httpapi {

// Who is calling an HTTP API once the gateway credential was checked.
struct HttpCaller {
  std::vector<std::string> scopes;  // operator scopes the request acts with
  // Proved the shared gateway secret (token or password): upstream treats such callers as the
  // owner and ignores x-openclaw-scopes.
  bool sharedSecret = false;
  std::string remoteAddress;  // the real client's address (forwarded by a trusted proxy)
};

// Either what a step produced, or the HTTP response that ends the request.
template <typename T>
using HttpOutcome = std::variant<T, rpc::HttpResponse>;

// The checks every gateway-credential HTTP API makes before reading its body, in upstream's
// order: the gateway is not stopping (503), a browser Origin is one the WebSocket would accept
// (403), the address is not locked out (429 + Retry-After), and `Authorization: Bearer` carries
// the gateway token or password, compared in constant time (401; failures count towards the
// same per-address lockout as WebSocket handshakes). With gateway.auth.mode "none" no header is
// needed and x-openclaw-scopes (comma-separated) narrows the scopes, as upstream's trusted
// callers; a shared-secret caller always gets the full operator scope set. The address is the
// real client's (server/client_attribution.h: X-Forwarded-For only from gateway.trustedProxies);
// a trusted proxy's request that names no client is refused (403 proxy_attribution_required).
// With gateway.auth.mode "trusted-proxy" the proxy's identity headers stand in for the bearer
// token (401 when they fail) and x-openclaw-scopes narrows the scopes. Event-loop thread.
class HttpGate {
 public:
  // `draining` says the gateway is stopping; `boundPort` is the port it listens on.
  HttpGate(const config::GatewaySettings& settings, auth::AuthRateLimiter& rateLimiter,
           std::function<bool()> draining, std::function<int()> boundPort);

  HttpOutcome<HttpCaller> admit(const rpc::HttpRequest& request) const;

 private:
  const config::GatewaySettings& settings_;
  auth::AuthRateLimiter& rateLimiter_;
  std::function<bool()> draining_;
  std::function<int()> boundPort_;
};

// The bearer token of an `Authorization: Bearer <token>` header, or "" when there is none.
std::string bearerToken(const rpc::HttpRequest& request);

// The request body as a JSON object: 400 invalid_request_error when it is not JSON, nests deeper
// than core::kMaxJsonDepth, or is not an object.
HttpOutcome<nlohmann::json> jsonObjectBody(const rpc::HttpRequest& request);

}  // namespace openclaw::httpapi
