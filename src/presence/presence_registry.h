#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace openclaw::presence {

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

// Presence rows keyed by PresenceEntry::key, as upstream bounds them: connections in an
// ephemeral mode (cli, backend, probe) are not tracked, rows reported only through `system-event`
// expire after `ttlMs` without an update, and at most `maxRows` rows are kept (the oldest `ts`
// goes first). A row is kept while at least one connection holds it; a held row dropped for room
// stays gone until its key is attached again. Every change bumps version(), which becomes
// stateVersion.presence on the wire.
class PresenceRegistry {
 public:
  static constexpr std::int64_t kTtlMs = 5 * 60 * 1000;
  static constexpr std::size_t kMaxRows = 200;

  explicit PresenceRegistry(std::int64_t ttlMs = kTtlMs, std::size_t maxRows = kMaxRows)
      : ttlMs_(ttlMs), maxRows_(maxRows) {}

  // Whether connections in client mode `mode` get a row (not cli, backend or probe).
  static bool tracksMode(const std::string& mode);

  // The gateway's own row: listed until replaced, never expired or dropped for room.
  void pin(PresenceEntry self);

  // A connection was accepted: adds or replaces the row for entry.key and counts one more
  // connection holding it. Returns false, changing nothing, when entry.mode is not tracked.
  bool attach(PresenceEntry entry);

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
  bool held(const std::string& key) const { return holders_.count(key) > 0; }
  // Drops the oldest rows (never the pinned one) while there are more than maxRows_.
  void makeRoom();

  std::int64_t ttlMs_;
  std::size_t maxRows_;
  std::map<std::string, PresenceEntry> rows_;
  std::unordered_map<std::string, int> holders_;  // key -> open connections holding it (> 0)
  std::string pinned_;
  std::uint64_t version_ = 0;
};

// The human summary upstream clients show for a row, e.g.
// "Gateway: box (10.0.0.5) · app 2026.9.6 · mode gateway · reason self".
std::string presenceText(const PresenceEntry& entry);

}  // namespace openclaw::presence
