#pragma once

#include <optional>
#include <string>
#include <vector>

namespace openclaw::nodes {

// gateway.nodes.allowCommands / denyCommands: the gateway's own say over which node commands
// node.invoke forwards, on top of what each node declares.
struct NodeCommandSettings {
  std::vector<std::string> allowCommands;  // added to the platform defaults
  std::vector<std::string> denyCommands;   // removed from the result; wins over everything
  bool operator==(const NodeCommandSettings&) const = default;
};

// The platform family a node's `platform` / `deviceFamily` names: "ios", "android", "macos",
// "windows", "linux" or "unknown".
std::string nodePlatformFamily(const std::string& platform, const std::string& deviceFamily);

// Why the policy refuses `command` for a node of that platform (a sentence naming the setting
// that decides it), or nullopt when the command may be forwarded. Names are compared exactly,
// after trimming the configured entries.
std::optional<std::string> commandPolicyRefusal(const NodeCommandSettings& settings,
                                                const std::string& platform,
                                                const std::string& deviceFamily,
                                                const std::string& command);

}  // namespace openclaw::nodes
