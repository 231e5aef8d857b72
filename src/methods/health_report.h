#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/gateway_settings.h"

namespace openclaw::channels {
class ChannelManager;
}

namespace openclaw::methods {

// What the config watcher has done so far; reported by `status` (and, as hotReloadStatus, by
// `health`).
struct ConfigReloadStatus {
  bool watching = false;
  std::string status = "idle";  // idle | applied | unchanged | rejected
  std::int64_t lastAppliedAtMs = 0;
  std::string lastError;  // file:line:column: reason of the last rejected config
  std::int64_t lastErrorAtMs = 0;
  std::vector<std::string> pendingRestart;  // changed keys waiting for a restart (mode "hot")
};

// The gateway's health as `health`, `status`, hello-ok and the `health` event report it: the
// config reload state, the channels' link state, and the version (stateVersion.health) that
// moves when it changes. Event-loop thread only.
class HealthReport {
 public:
  explicit HealthReport(const config::GatewaySettings& settings) : settings_(settings) {}

  void setConfigReloadStatus(ConfigReloadStatus status) { reload_ = std::move(status); }

  // Adds the link state of `channels` (which must outlive this report) to every snapshot.
  void attachChannels(const channels::ChannelManager& channels) { channels_ = &channels; }

  // The `health` answer; `admin` readers also see the last reload error.
  nlohmann::json snapshot(bool admin) const;
  // hello-ok's snapshot.health: upstream's exact shape (its schema closes configReload).
  nlohmann::json helloSnapshot() const;
  // Mode, result and timestamps of config reloads; the last error only when asked for.
  nlohmann::json reloadDetails(bool withError) const;

  std::uint64_t version() const { return version_; }
  // Something the snapshot reports changed (a channel linked or lost its link).
  void changed() { ++version_; }

 private:
  const config::GatewaySettings& settings_;
  ConfigReloadStatus reload_;
  const channels::ChannelManager* channels_ = nullptr;
  std::uint64_t version_ = 0;
};

}  // namespace openclaw::methods
