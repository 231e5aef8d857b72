#pragma once

#include <filesystem>
#include <vector>

#include "config/instance_paths.h"

namespace openclaw::config {

// For `openclaw setup` and `--dev`: when the instance has no config file yet, writes one with
// gateway.mode "local", the instance's default port, loopback, token auth with a freshly
// generated token, and a workspace, and creates the workspace directory. An existing config is
// left untouched. Returns true when it created the file.
bool ensureInstanceConfig(const InstancePaths& paths);

// For `gateway --dev --reset`: deletes the instance's config, credentials, sessions (the
// database and agents/), and workspace, so the next start bootstraps afresh. Refuses (throws
// std::runtime_error) while a gateway holds the instance's state-dir lock. Returns the paths it
// removed.
std::vector<std::filesystem::path> resetInstance(const InstancePaths& paths);

}  // namespace openclaw::config
