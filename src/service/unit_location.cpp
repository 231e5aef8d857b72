#include "service/unit_location.h"

#include "core/files.h"
#include "service/service_unit.h"

namespace openclaw::service {

std::filesystem::path systemdUnitPath(const config::Profile& profile, SystemdScope scope,
                                      const config::EnvLookup& env) {
  if (scope == SystemdScope::System) return systemdSystemUnitPath(profile);
  const std::optional<std::string> xdg = env("XDG_CONFIG_HOME");
  return systemdUserUnitPath(profile, core::homeDir(),
                             xdg ? std::optional<std::filesystem::path>(*xdg) : std::nullopt);
}

}  // namespace openclaw::service
