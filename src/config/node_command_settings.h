#pragma once

#include <string>
#include <vector>

namespace openclaw::config {

// gateway.nodes.allowCommands / denyCommands: the gateway's own say over which node commands
// node.invoke forwards, on top of what each node declares (nodes/node_command_policy.h
// applies them).
struct NodeCommandSettings {
  std::vector<std::string> allowCommands;  // added to the platform defaults
  std::vector<std::string> denyCommands;   // removed from the result; wins over everything
  bool operator==(const NodeCommandSettings&) const = default;
};

}  // namespace openclaw::config
