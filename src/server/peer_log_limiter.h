#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace openclaw::server {

// Rate-limits a log line per key (a peer address): one line per key per `intervalMs`, and at
// most `maxKeys` keys remembered, so a flood from many addresses cannot grow memory; while the
// table is full of recent keys, new keys are not logged. Not thread-safe.
class PeerLogLimiter {
 public:
  PeerLogLimiter(std::int64_t intervalMs, std::size_t maxKeys)
      : intervalMs_(intervalMs), maxKeys_(maxKeys) {}

  // True when a line for `key` may be logged now (and records that it was).
  bool shouldLog(const std::string& key, std::int64_t nowMs);

 private:
  std::int64_t intervalMs_;
  std::size_t maxKeys_;
  std::unordered_map<std::string, std::int64_t> lastLoggedMs_;
};

}  // namespace openclaw::server
