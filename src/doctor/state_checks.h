#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "config/instance_paths.h"
#include "doctor/finding.h"

namespace openclaw::doctor {

// The state directory exists and belongs to `uid` (its mode is checkPrivateModes' job).
std::vector<Finding> checkStateDir(const std::filesystem::path& dir, uid_t uid);

// One "state.permissions" warning, with its chmod, for each of the instance's private paths
// (config::privateStatePaths: the state dir, database and -wal/-shm, keys and tokens, ...)
// that group or others may access.
std::vector<Finding> checkPrivateModes(const config::InstancePaths& paths);

// `doctor --fix`: makes those paths and the config file owner-only (0700 directories, 0600
// files). One "state.permissions_fixed" note per path changed, or an error for one it could not.
std::vector<Finding> fixPrivateModes(const config::InstancePaths& paths);

// The database, when it exists, is a regular file this process can open for reading.
std::optional<Finding> checkDatabase(const std::filesystem::path& database);

// `<stateDir>/gateway.lock`: held means a gateway runs (its PID is reported); present but free
// is a stale, harmless leftover. Probes with a non-blocking shared flock released at once.
std::optional<Finding> checkLockFile(const std::filesystem::path& stateDir);

// `<stateDir>/exec-approvals.json` (remembered "allow-always" exec approvals), when it exists,
// is a document the gateway accepts; a malformed one stops the gateway's start.
std::optional<Finding> checkExecApprovals(const std::filesystem::path& stateDir);

}  // namespace openclaw::doctor
