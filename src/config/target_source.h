#pragma once

#include <string>

#include "config/config_file.h"
#include "config/environment.h"
#include "config/gateway_settings.h"

namespace openclaw::config {

// Which input decided a value: kind is "flag", "env", "config" or "default"; detail names the
// flag, variable or key ("--url", "OPENCLAW_GATEWAY_URL", "gateway.port"), empty for defaults.
struct ValueSource {
  std::string kind;
  std::string detail;
};

// Where resolveClientTarget took the URL from, following its precedence: --url,
// OPENCLAW_GATEWAY_URL, gateway.remote.url (remote mode), then the local port's own source
// (OPENCLAW_GATEWAY_PORT, gateway.port, the profile's default).
ValueSource clientTargetSource(const ConfigFile& config, const ClientTargetOptions& options,
                               const EnvLookup& env);

// Where resolveInstancePaths took the config path from: OPENCLAW_CONFIG_PATH,
// OPENCLAW_STATE_DIR, or the profile's default state directory.
ValueSource configPathSource(const EnvLookup& env);

}  // namespace openclaw::config
