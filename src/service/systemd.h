#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/run_command.h"

namespace openclaw::service {

// Which systemd instance a command talks to: the per-user manager or the system one.
enum class SystemdScope { User, System };

// Runs `systemctl [--user] <args...>`.
core::CommandOutput systemctl(SystemdScope scope, const std::vector<std::string>& args);

// Nullopt when the scope's manager answers `systemctl [--user] show-environment`; otherwise an
// explanation of what is missing and what to use instead.
std::optional<std::string> managerProblem(SystemdScope scope);

// The login name of the effective user (from the passwd database, else $USER).
std::string currentUserName();

// Whether `user` already has lingering enabled (/var/lib/systemd/linger/<user> exists).
bool lingerEnabled(const std::string& user);

// How to keep a user's services running after logout: `sudo loginctl enable-linger <user>`.
std::string lingerHint(const std::string& user);

}  // namespace openclaw::service
