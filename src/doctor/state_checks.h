#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "doctor/finding.h"

namespace openclaw::doctor {

// The state directory exists, belongs to `uid` and is not writable by group or others.
std::vector<Finding> checkStateDir(const std::filesystem::path& dir, uid_t uid);

// The database, when it exists, is a regular file this process can open for reading.
std::optional<Finding> checkDatabase(const std::filesystem::path& database);

// `<stateDir>/gateway.lock`: held means a gateway runs (its PID is reported); present but free
// is a stale, harmless leftover. Probes with a non-blocking shared flock released at once.
std::optional<Finding> checkLockFile(const std::filesystem::path& stateDir);

// `<stateDir>/exec-approvals.json` (remembered "allow-always" exec approvals), when it exists,
// is a document the gateway accepts; a malformed one stops the gateway's start.
std::optional<Finding> checkExecApprovals(const std::filesystem::path& stateDir);

}  // namespace openclaw::doctor
