#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::gateway {

// One row of `system-presence`: a connected client, a client that reported itself through
// `system-event`, or the gateway itself.
struct PresenceEntry {
  std::string key;  // dedupe key: client.instanceId, else the connection id
  std::optional<std::string> host;
  std::optional<std::string> ip;
  std::optional<std::string> version;
  std::optional<std::string> platform;
  std::optional<std::string> deviceFamily;
  std::optional<std::string> modelIdentifier;
  std::optional<std::string> mode;
  std::optional<std::string> reason;
  std::optional<std::string> instanceId;
  std::optional<std::string> deviceId;
  std::optional<std::int64_t> lastInputSeconds;
  std::vector<std::string> tags;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;
  std::string text;
  std::int64_t ts = 0;
  std::optional<std::int64_t> onlineSince;

  nlohmann::json toJson() const;
};

// Presence rows keyed by PresenceEntry::key. A row is kept while at least one connection holds
// it; rows reported only through `system-event` expire after `ttlMs` without an update. Every
// change bumps version(), which becomes stateVersion.presence on the wire.
class PresenceRegistry {
 public:
  explicit PresenceRegistry(std::int64_t ttlMs = 5 * 60 * 1000) : ttlMs_(ttlMs) {}

  // Adds or replaces the row for entry.key and counts one more connection holding it.
  void attach(PresenceEntry entry);

  // One connection holding `key` went away; the row goes when the last one does.
  // Returns true when the row was removed.
  bool detach(const std::string& key);

  // Merges a self-report (system-event) into the row for entry.key, creating it if needed.
  void report(const PresenceEntry& entry);

  // Drops unheld rows older than the TTL; returns true when anything was removed.
  bool expire(std::int64_t nowMs);

  // Newest first.
  nlohmann::json toJson() const;
  std::size_t size() const { return rows_.size(); }
  std::uint64_t version() const { return version_; }

 private:
  struct Row {
    PresenceEntry entry;
    int holders = 0;
  };
  std::int64_t ttlMs_;
  std::map<std::string, Row> rows_;
  std::uint64_t version_ = 0;
};

// The human summary upstream clients show for a row, e.g.
// "Gateway: box (10.0.0.5) · app 2026.9.6 · mode gateway · reason self".
std::string presenceText(const PresenceEntry& entry);

}  // namespace openclaw::gateway
