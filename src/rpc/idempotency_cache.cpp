#include "rpc/idempotency_cache.h"

namespace openclaw::rpc {

// Length-prefixed, so no (method, key) pair can collide with another.
std::string IdempotencyCache::slot(const std::string& method, const std::string& key) {
  return std::to_string(method.size()) + ':' + method + key;
}

std::optional<nlohmann::json> IdempotencyCache::find(const std::string& method,
                                                     const std::string& key, std::int64_t nowMs) {
  evict(nowMs);
  auto found = entries_.find(slot(method, key));
  if (found == entries_.end()) return std::nullopt;
  return found->second.payload;
}

void IdempotencyCache::remember(const std::string& method, const std::string& key,
                                nlohmann::json payload, std::int64_t nowMs) {
  evict(nowMs);
  const std::string id = slot(method, key);
  auto [entry, inserted] =
      entries_.insert_or_assign(id, Entry{std::move(payload), nowMs + ttlMs_, std::nullopt});
  if (inserted) order_.push_back(id);
  while (entries_.size() > maxEntries_) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
}

void IdempotencyCache::rememberFinalError(const std::string& method, const std::string& key,
                                          protocol::GatewayError error) {
  auto found = entries_.find(slot(method, key));
  if (found != entries_.end()) found->second.finalError = std::move(error);
}

std::optional<protocol::GatewayError> IdempotencyCache::finalError(const std::string& method,
                                                                   const std::string& key) const {
  auto found = entries_.find(slot(method, key));
  if (found == entries_.end()) return std::nullopt;
  return found->second.finalError;
}

void IdempotencyCache::evict(std::int64_t nowMs) {
  while (!order_.empty()) {
    auto oldest = entries_.find(order_.front());
    if (oldest != entries_.end() && oldest->second.expiresAtMs > nowMs) break;
    if (oldest != entries_.end()) entries_.erase(oldest);
    order_.pop_front();
  }
}

}  // namespace openclaw::rpc
