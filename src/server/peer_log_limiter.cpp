#include "server/peer_log_limiter.h"

namespace openclaw::server {

bool PeerLogLimiter::shouldLog(const std::string& key, std::int64_t nowMs) {
  auto found = lastLoggedMs_.find(key);
  if (found != lastLoggedMs_.end()) {
    if (nowMs - found->second < intervalMs_) return false;
    found->second = nowMs;
    return true;
  }
  if (lastLoggedMs_.size() >= maxKeys_) {
    std::erase_if(lastLoggedMs_,
                  [&](const auto& entry) { return nowMs - entry.second >= intervalMs_; });
    if (lastLoggedMs_.size() >= maxKeys_) return false;
  }
  lastLoggedMs_.emplace(key, nowMs);
  return true;
}

}  // namespace openclaw::server
