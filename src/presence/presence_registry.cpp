#include "presence/presence_registry.h"

#include <algorithm>

namespace openclaw::presence {
namespace {

template <typename T>
void putIfSet(nlohmann::json& out, const char* name, const std::optional<T>& value) {
  if (value) out[name] = *value;
}

void putIfAny(nlohmann::json& out, const char* name, const std::vector<std::string>& values) {
  if (!values.empty()) out[name] = values;
}

template <typename T>
void mergeIfSet(std::optional<T>& target, const std::optional<T>& update) {
  if (update) target = update;
}

}  // namespace

nlohmann::json PresenceEntry::toJson() const {
  nlohmann::json out = nlohmann::json::object();
  putIfSet(out, "host", host);
  putIfSet(out, "ip", ip);
  putIfSet(out, "version", version);
  putIfSet(out, "platform", platform);
  putIfSet(out, "deviceFamily", deviceFamily);
  putIfSet(out, "modelIdentifier", modelIdentifier);
  putIfSet(out, "mode", mode);
  putIfSet(out, "lastInputSeconds", lastInputSeconds);
  putIfSet(out, "reason", reason);
  putIfAny(out, "tags", tags);
  out["text"] = text;
  out["ts"] = ts;
  putIfSet(out, "onlineSince", onlineSince);
  putIfSet(out, "deviceId", deviceId);
  putIfAny(out, "roles", roles);
  putIfAny(out, "scopes", scopes);
  putIfSet(out, "instanceId", instanceId);
  return out;
}

std::string presenceText(const PresenceEntry& entry) {
  std::string label = entry.mode == "gateway" ? "Gateway"
                      : entry.mode == "node"  ? "Node"
                                              : "Client";
  std::string text = label + ": " + entry.host.value_or("unknown");
  if (entry.ip) text += " (" + *entry.ip + ")";
  if (entry.version) text += " · app " + *entry.version;
  if (entry.mode) text += " · mode " + *entry.mode;
  if (entry.reason) text += " · reason " + *entry.reason;
  return text;
}

bool PresenceRegistry::tracksMode(const std::string& mode) {
  // Short-lived control-plane clients: tracking them would fill the list with churn.
  return mode != "cli" && mode != "backend" && mode != "probe";
}

void PresenceRegistry::pin(PresenceEntry self) {
  pinned_ = self.key;
  rows_[self.key] = std::move(self);
  ++version_;
  makeRoom();
}

bool PresenceRegistry::attach(PresenceEntry entry) {
  if (!tracksMode(entry.mode.value_or(""))) return false;
  const std::string key = entry.key;
  auto existing = rows_.find(key);
  if (held(key) && existing != rows_.end() && existing->second.onlineSince) {
    entry.onlineSince = existing->second.onlineSince;
  }
  rows_[key] = std::move(entry);
  ++holders_[key];
  ++version_;
  makeRoom();
  return true;
}

bool PresenceRegistry::detach(const std::string& key) {
  auto holder = holders_.find(key);
  if (holder == holders_.end() || --holder->second > 0) return false;
  holders_.erase(holder);
  if (rows_.erase(key) == 0) return false;  // already dropped for room
  ++version_;
  return true;
}

void PresenceRegistry::report(const PresenceEntry& update) {
  PresenceEntry& entry = rows_[update.key];
  entry.key = update.key;
  mergeIfSet(entry.host, update.host);
  mergeIfSet(entry.ip, update.ip);
  mergeIfSet(entry.version, update.version);
  mergeIfSet(entry.platform, update.platform);
  mergeIfSet(entry.deviceFamily, update.deviceFamily);
  mergeIfSet(entry.modelIdentifier, update.modelIdentifier);
  mergeIfSet(entry.mode, update.mode);
  mergeIfSet(entry.reason, update.reason);
  mergeIfSet(entry.instanceId, update.instanceId);
  mergeIfSet(entry.deviceId, update.deviceId);
  mergeIfSet(entry.lastInputSeconds, update.lastInputSeconds);
  if (!update.tags.empty()) entry.tags = update.tags;
  if (!update.roles.empty()) entry.roles = update.roles;
  if (!update.scopes.empty()) entry.scopes = update.scopes;
  entry.text = update.text;
  entry.ts = update.ts;
  ++version_;
  makeRoom();
}

bool PresenceRegistry::expire(std::int64_t nowMs) {
  const std::size_t before = rows_.size();
  for (auto it = rows_.begin(); it != rows_.end();) {
    const bool stale = it->first != pinned_ && !held(it->first) && nowMs - it->second.ts > ttlMs_;
    it = stale ? rows_.erase(it) : std::next(it);
  }
  if (rows_.size() == before) return false;
  ++version_;
  return true;
}

void PresenceRegistry::makeRoom() {
  while (rows_.size() > maxRows_) {
    auto oldest = rows_.end();
    for (auto it = rows_.begin(); it != rows_.end(); ++it) {
      if (it->first != pinned_ && (oldest == rows_.end() || it->second.ts < oldest->second.ts)) {
        oldest = it;
      }
    }
    if (oldest == rows_.end()) return;
    rows_.erase(oldest);
  }
}

nlohmann::json PresenceRegistry::toJson() const {
  std::vector<const PresenceEntry*> ordered;
  ordered.reserve(rows_.size());
  for (const auto& [key, entry] : rows_) ordered.push_back(&entry);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const PresenceEntry* a, const PresenceEntry* b) { return a->ts > b->ts; });
  nlohmann::json list = nlohmann::json::array();
  for (const PresenceEntry* entry : ordered) list.push_back(entry->toJson());
  return list;
}

}  // namespace openclaw::presence
