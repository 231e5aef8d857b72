#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "config/gateway_settings.h"

namespace openclaw::auth {

// Counts failed authentication attempts per client address. Once an address fails
// `maxAttempts` times inside `windowMs`, it is locked out for `lockoutMs`: every attempt in that
// time is refused before the credentials are even compared. Time is passed in (monotonic ms)
// so the policy is testable without waiting. Owned by the event-loop thread; not thread-safe.
class AuthRateLimiter {
 public:
  explicit AuthRateLimiter(config::AuthRateLimit policy);

  // Milliseconds until `address` may try again, or nullopt when it may try now.
  std::optional<std::int64_t> lockedFor(const std::string& address, std::int64_t nowMs);

  // Records a failure; returns how long the address is now locked out, if this failure locked it.
  std::optional<std::int64_t> recordFailure(const std::string& address, std::int64_t nowMs);

  // Forgets an address's failures after it authenticated.
  void recordSuccess(const std::string& address);

  void setPolicy(config::AuthRateLimit policy) { policy_ = policy; }

 private:
  struct Window {
    std::int64_t startedMs = 0;
    int failures = 0;
    std::int64_t lockedUntilMs = 0;
  };
  bool exempt(const std::string& address) const;
  void prune(std::int64_t nowMs);

  config::AuthRateLimit policy_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace openclaw::auth
