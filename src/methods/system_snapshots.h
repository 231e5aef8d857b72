#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::methods {

struct HealthInputs {
  std::int64_t nowMs = 0;
  std::string sessionStorePath;
  bool hotReloadActive = false;  // the config file is being watched
  // Extra configReload fields (mode, status, last applied, last error), or null for upstream's
  // exact shape (only hotReloadStatus), as hello-ok's schema requires.
  nlohmann::json reloadDetails;
};

// The `health` payload (also hello-ok's snapshot.health). It follows upstream's health shape
// and only carries fields this gateway can state truthfully: no channels or agents are
// configured yet.
nlohmann::json buildHealthSnapshot(const HealthInputs& inputs);

struct StatusInputs {
  std::string version;
  std::string host;
  std::int64_t uptimeMs = 0;
  int port = 0;
  int browserControlPort = 0;  // derived ports, reserved for services this gateway may add
  int canvasHostPort = 0;
  std::string bindMode;
  std::vector<std::string> bindHosts;
  std::string authMode;
  std::string configPath;
  std::string stateDir;
  std::size_t connections = 0;
  std::size_t presenceCount = 0;
  nlohmann::json configReload;  // the reload mode and what the config watcher last did
  bool callerIsAdmin = false;   // paths are only shown to operator.admin
};

// The `status` payload: a short summary of the running gateway.
nlohmann::json buildStatusSummary(const StatusInputs& inputs);

}  // namespace openclaw::methods
