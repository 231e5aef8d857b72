#pragma once

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "protocol/gateway_error.h"

namespace openclaw::rpc {

// Remembers the successful answers of side-effecting requests by (method, idempotencyKey), so a
// client that retries (say, after a reconnect) gets the first answer again instead of causing
// the side effect twice. Failed attempts are not remembered: retrying them runs the method again.
// A two-phase call that failed after its remembered "accepted" answer keeps that failure beside
// it, so a retry gets the ack and then the same final error.
// Entries expire after `ttlMs`; at most `maxEntries` are kept (oldest dropped first).
class IdempotencyCache {
 public:
  explicit IdempotencyCache(std::int64_t ttlMs = 5 * 60 * 1000, std::size_t maxEntries = 10'000)
      : ttlMs_(ttlMs), maxEntries_(maxEntries) {}

  std::optional<nlohmann::json> find(const std::string& method, const std::string& key,
                                     std::int64_t nowMs);
  void remember(const std::string& method, const std::string& key, nlohmann::json payload,
                std::int64_t nowMs);
  // Attaches the final error to the answer remembered for (method, key); a no-op when none is.
  void rememberFinalError(const std::string& method, const std::string& key,
                          protocol::GatewayError error);
  // The final error attached to a remembered answer (call after a successful find).
  std::optional<protocol::GatewayError> finalError(const std::string& method,
                                                   const std::string& key) const;

  // The cache's identity for (method, key); no two pairs share one.
  static std::string slot(const std::string& method, const std::string& key);

 private:
  struct Entry {
    nlohmann::json payload;
    std::int64_t expiresAtMs = 0;
    std::optional<protocol::GatewayError> finalError;
  };
  void evict(std::int64_t nowMs);

  std::int64_t ttlMs_;
  std::size_t maxEntries_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::string> order_;  // insertion order, for expiry and the size bound
};

}  // namespace openclaw::rpc
