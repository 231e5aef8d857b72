#pragma once

#include <filesystem>
#include <vector>

#include "config/instance_paths.h"

namespace openclaw::config {

// The instance's paths that only its owner may access, as they exist now: the state dir itself,
// every regular file directly in it (the database with its -wal, -shm and -journal files, the
// lock, exec approvals, ...), and its identity/ and credentials/ directories with everything in
// them (device keys and tokens). The config file is left out even when it lies in the state
// dir: whether it may be readable depends on whether it holds a secret, which the config checks
// judge. The workspace and logs are the user's and are left alone too.
std::vector<std::filesystem::path> privateStatePaths(const InstancePaths& paths);

}  // namespace openclaw::config
