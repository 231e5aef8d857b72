#include "config/run_settings.h"

namespace openclaw::config {

RunSettings resolveRunSettings(const ConfigFile& config) {
  RunSettings settings;
  settings.timeoutSeconds = config.integer("/agents/defaults/timeoutSeconds", 0, 7 * 24 * 3600)
                                .value_or(settings.timeoutSeconds);
  settings.dmScope = config
                         .oneOf("/session/dmScope", {"main", "per-peer", "per-channel-peer",
                                                     "per-account-channel-peer"})
                         .value_or(settings.dmScope);
  return settings;
}

}  // namespace openclaw::config
