#pragma once

#include <optional>
#include <string>

#include "auth/auth_rate_limiter.h"
#include "config/hook_settings.h"
#include "rpc/http_router.h"

namespace openclaw::httpapi {

// The hook token a request presents: a non-empty `Authorization: Bearer` token, else the
// x-openclaw-token header (trimmed); "" when neither.
std::string hookToken(const rpc::HttpRequest& request);

// Checks the hook token (hooks.token, a secret of its own: the gateway token or password does
// not open the hooks) as upstream: compared in constant time; a wrong or missing token is 401
// "Unauthorized" and counts towards a per-address throttle (20 failures in 60 s lock the
// address out for 60 s, loopback included) under which further wrong tokens get 429 "Too Many
// Requests" with Retry-After; the right token is always admitted and clears the address's
// failures. The limiter is this gate's own, not the WebSocket handshake's. Event-loop thread.
class HookGate {
 public:
  static constexpr config::AuthRateLimit kPolicy{20, 60'000, 60'000, false};

  explicit HookGate(const config::HookSettings& hooks) : hooks_(hooks), limiter_(kPolicy) {}

  // nullopt when admitted, else the response that ends the request.
  std::optional<rpc::HttpResponse> admit(const rpc::HttpRequest& request);

 private:
  const config::HookSettings& hooks_;  // the running settings: a reloaded token applies at once
  auth::AuthRateLimiter limiter_;
};

// A text/plain response, as upstream answers the hooks' early failures.
rpc::HttpResponse plainText(unsigned status, const std::string& body);

}  // namespace openclaw::httpapi
