#include "auth/auth_rate_limiter.h"

#include "core/network.h"

namespace openclaw::auth {
namespace {
// Bound on remembered addresses, so a flood of distinct sources cannot grow memory forever.
constexpr std::size_t kMaxTrackedAddresses = 10'000;
}  // namespace

AuthRateLimiter::AuthRateLimiter(config::AuthRateLimit policy) : policy_(policy) {}

bool AuthRateLimiter::exempt(const std::string& address) const {
  return policy_.exemptLoopback && core::isLoopbackAddress(address);
}

std::optional<std::int64_t> AuthRateLimiter::lockedFor(const std::string& address,
                                                       std::int64_t nowMs) {
  if (exempt(address)) return std::nullopt;
  auto found = windows_.find(address);
  if (found == windows_.end() || found->second.lockedUntilMs <= nowMs) return std::nullopt;
  return found->second.lockedUntilMs - nowMs;
}

std::optional<std::int64_t> AuthRateLimiter::recordFailure(const std::string& address,
                                                           std::int64_t nowMs) {
  if (exempt(address)) return std::nullopt;
  if (windows_.size() >= kMaxTrackedAddresses) prune(nowMs);
  Window& window = windows_[address];
  if (nowMs - window.startedMs >= policy_.windowMs) window = Window{nowMs, 0, 0};
  window.failures += 1;
  if (window.failures < policy_.maxAttempts) return std::nullopt;
  window.lockedUntilMs = nowMs + policy_.lockoutMs;
  window.failures = 0;
  window.startedMs = window.lockedUntilMs;
  return policy_.lockoutMs;
}

void AuthRateLimiter::recordSuccess(const std::string& address) { windows_.erase(address); }

void AuthRateLimiter::prune(std::int64_t nowMs) {
  for (auto it = windows_.begin(); it != windows_.end();) {
    const bool idle =
        it->second.lockedUntilMs <= nowMs && nowMs - it->second.startedMs >= policy_.windowMs;
    it = idle ? windows_.erase(it) : std::next(it);
  }
  if (windows_.size() >= kMaxTrackedAddresses) windows_.clear();
}

}  // namespace openclaw::auth
