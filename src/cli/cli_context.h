#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/environment.h"
#include "config/instance_paths.h"

namespace openclaw::cli {

// State shared by every command: the global instance selection and the action the parsed
// command line chose.
struct CliContext {
  bool dev = false;                        // --dev (global or on `gateway`)
  std::optional<std::string> profileName;  // --profile NAME
  config::EnvLookup env = config::processEnvironment();
  std::function<int()> action;           // set by the selected command's callback
  std::vector<std::string> commandPath;  // the selected command, e.g. {"gateway", "call"}

  // The instance the flags select: --dev wins over --profile; OPENCLAW_PROFILE applies when
  // neither is given. Throws std::invalid_argument for a bad profile name.
  config::Profile profile() const;
  config::InstancePaths paths() const { return config::resolveInstancePaths(profile(), env); }
};

}  // namespace openclaw::cli
