#pragma once

#include <string>

#include "config/environment.h"
#include "config/instance_paths.h"

namespace openclaw::doctor {

// What every check needs to know about the instance it examines.
struct CheckContext {
  config::InstancePaths paths;
  config::EnvLookup env;
  std::string cli;  // the command prefix fixes use: config::cliPrefix(paths.profile)
};

}  // namespace openclaw::doctor
