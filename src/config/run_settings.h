#pragma once

#include <cstdint>
#include <string>

#include "config/config_file.h"

namespace openclaw::config {

// How agent runs are bounded and routed.
struct RunSettings {
  // agents.defaults.timeoutSeconds: a run is cancelled (AGENT_TIMEOUT) after this long; 0 means
  // no limit. Upstream's default is 600.
  std::int64_t timeoutSeconds = 600;
  // session.dmScope: main | per-peer | per-channel-peer | per-account-channel-peer. Upstream's
  // built-in default is main (every sender shares the main session) with a warning to isolate
  // senders once several people can write; a gateway that owns channels defaults to isolation.
  std::string dmScope = "per-channel-peer";

  bool operator==(const RunSettings&) const = default;
};

// Throws ConfigError (pointing at the value) for a wrong type or an unknown dmScope.
RunSettings resolveRunSettings(const ConfigFile& config);

}  // namespace openclaw::config
