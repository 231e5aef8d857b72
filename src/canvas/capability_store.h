#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace openclaw::canvas {

// What a capability token grants: GET/HEAD of canvas paths under `scope` (a path under
// /__openclaw__/canvas/ ending in '/'), minted for node `nodeId`, until `expiresAtMs`.
struct Capability {
  std::string scope;
  std::string nodeId;
  std::int64_t expiresAtMs = 0;
};

// Short-lived, path-scoped tokens that stand in for the gateway credential in URLs handed to
// nodes. Tokens are 128 random bits as unpadded base64url. Bounded: past `bound` live tokens the
// oldest is forgotten. Event-loop thread only.
class CapabilityStore {
 public:
  static constexpr std::size_t kDefaultBound = 10'000;
  explicit CapabilityStore(std::size_t bound = kDefaultBound) : bound_(bound) {}

  // A new token for `capability`; expired tokens are dropped first.
  std::string mint(Capability capability, std::int64_t nowMs);

  // The capability of `token` when it is known and unexpired at `nowMs`.
  std::optional<Capability> find(const std::string& token, std::int64_t nowMs) const;

  // Whether `token` is live and `canvasPath` (an already decoded-and-checked path such as
  // "/__openclaw__/canvas/docs/a.html") lies within its scope.
  bool admits(const std::string& token, std::string_view canvasPath, std::int64_t nowMs) const;

  std::size_t size() const { return byToken_.size(); }

 private:
  void dropExpired(std::int64_t nowMs);

  std::size_t bound_;
  std::map<std::string, Capability> byToken_;
  std::deque<std::string> order_;  // the tokens of byToken_, oldest first
};

// The scope a hosted path grants: the directory it lies in ("/__openclaw__/canvas/d/x.html"
// -> "/__openclaw__/canvas/d/"), the path itself when it ends in '/'.
std::string scopeOf(std::string_view canvasPath);

}  // namespace openclaw::canvas
