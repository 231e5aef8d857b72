#pragma once

#include <string>

#include "config/environment.h"
#include "config/instance_paths.h"

namespace openclaw::doctor {

// What every check needs to know about the instance it examines.
struct CheckContext {
  config::InstancePaths paths;
  config::EnvLookup env;
  std::string cli;  // the command prefix fixes use: cliPrefix(paths.profile)
};

// "openclaw", "openclaw --dev" or "openclaw --profile NAME": commands for this instance.
std::string cliPrefix(const config::Profile& profile);

}  // namespace openclaw::doctor
