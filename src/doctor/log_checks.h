#pragma once

#include <optional>
#include <string>

#include "config/config_file.h"
#include "config/instance_paths.h"
#include "doctor/finding.h"

namespace openclaw::doctor {

// The log file pattern the gateway would use: logging.file, else the profile's default under
// /tmp/openclaw (also when the config is missing, unparsable or has a bad logging.file).
std::string logFilePattern(const std::optional<config::ConfigFile>& file,
                           const config::Profile& profile);

// The directory today's log goes to must be writable, or creatable: its nearest existing
// ancestor must be a writable directory. The fix moves the log under the instance's state dir.
std::optional<Finding> checkLogDir(const std::string& pattern, const config::InstancePaths& paths);

}  // namespace openclaw::doctor
