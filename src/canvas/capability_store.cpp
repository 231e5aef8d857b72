#include "canvas/capability_store.h"

#include "core/random_ids.h"

namespace openclaw::canvas {

std::string CapabilityStore::mint(Capability capability, std::int64_t nowMs) {
  dropExpired(nowMs);
  while (byToken_.size() >= bound_ && !order_.empty()) {
    byToken_.erase(order_.front());
    order_.pop_front();
  }
  std::string token = core::randomToken(16);
  byToken_[token] = std::move(capability);
  order_.push_back(token);
  return token;
}

std::optional<Capability> CapabilityStore::find(const std::string& token,
                                                std::int64_t nowMs) const {
  const auto found = byToken_.find(token);
  if (found == byToken_.end() || found->second.expiresAtMs <= nowMs) return std::nullopt;
  return found->second;
}

bool CapabilityStore::admits(const std::string& token, std::string_view canvasPath,
                             std::int64_t nowMs) const {
  const std::optional<Capability> capability = find(token, nowMs);
  if (!capability) return false;
  const std::string_view scope = capability->scope;
  if (scope.empty()) return false;
  // The scope's directory itself, with or without its trailing '/', or anything below it.
  return canvasPath.starts_with(scope) || canvasPath == scope.substr(0, scope.size() - 1);
}

void CapabilityStore::dropExpired(std::int64_t nowMs) {
  // Tokens are minted with one TTL, so the oldest expire first.
  while (!order_.empty() && byToken_.at(order_.front()).expiresAtMs <= nowMs) {
    byToken_.erase(order_.front());
    order_.pop_front();
  }
}

std::string scopeOf(std::string_view canvasPath) {
  const std::size_t slash = canvasPath.rfind('/');
  return std::string(canvasPath.substr(0, slash + 1));
}

}  // namespace openclaw::canvas
