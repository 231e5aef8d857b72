#pragma once

#include <filesystem>
#include <vector>

#include "config/gateway_settings.h"
#include "config/instance_paths.h"

namespace openclaw::config {

// The instances whose state directories exist under `home`: ~/.openclaw (default),
// ~/.openclaw-dev and ~/.openclaw-<name>, sorted by directory name, with the paths those
// profiles have when no OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH override applies. Entries
// whose suffix is not a valid profile name are skipped.
std::vector<InstancePaths> findLocalInstances(const std::filesystem::path& home);

// The gateway an instance's own config points clients at, as if no OPENCLAW_* variable were set:
// how a command for one instance sees the others. Throws when the config cannot be read.
ClientTarget ownClientTarget(const InstancePaths& paths);

}  // namespace openclaw::config
