#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/node_command_settings.h"

namespace openclaw::nodes {

// The platform family a node's `platform` / `deviceFamily` names: "ios", "android", "macos",
// "windows", "linux" or "unknown".
std::string nodePlatformFamily(const std::string& platform, const std::string& deviceFamily);

// Why the policy refuses `command` for a node of that platform (a sentence naming the setting
// that decides it), or nullopt when the command may be forwarded. Names are compared exactly,
// after trimming the configured entries.
std::optional<std::string> commandPolicyRefusal(const config::NodeCommandSettings& settings,
                                                const std::string& platform,
                                                const std::string& deviceFamily,
                                                const std::string& command);

}  // namespace openclaw::nodes
