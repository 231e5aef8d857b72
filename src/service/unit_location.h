#pragma once

#include <filesystem>

#include "config/environment.h"
#include "config/instance_paths.h"
#include "service/systemd.h"

namespace openclaw::service {

// Where `profile`'s unit lives in `scope`: /etc/systemd/system/<unit> for the system manager,
// $XDG_CONFIG_HOME/systemd/user/<unit> (else ~/.config/systemd/user/<unit>) for the user one.
std::filesystem::path systemdUnitPath(const config::Profile& profile, SystemdScope scope,
                                      const config::EnvLookup& env);

}  // namespace openclaw::service
