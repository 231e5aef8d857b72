#pragma once

#include "config/instance_paths.h"

namespace openclaw::config {

// For `openclaw setup` and `--dev`: when the instance has no config file yet, writes one with
// gateway.mode "local", the instance's default port, loopback, token auth with a freshly
// generated token, and a workspace, and creates the workspace directory. An existing config is
// left untouched. Returns true when it created the file.
bool ensureInstanceConfig(const InstancePaths& paths);

}  // namespace openclaw::config
