#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace openclaw::cli {

// Which node a `--node <id|name|ip>` names, chosen from a node.list answer.
struct NodeSelection {
  std::optional<std::string> nodeId;  // set when exactly one node matches
  std::string problem;  // why not, otherwise ("unknown node …", "… is ambiguous …")
};

// Matches `query` against the rows of `nodeList` (node.list's payload) in this order, stopping at
// the first rule that matches anything: the exact node id, the exact remote IP, the display name
// (ignoring case), then a node id prefix of at least 6 characters. Among several matches of one
// rule the connected ones win; more than one left is ambiguous.
NodeSelection selectNode(const nlohmann::json& nodeList, const std::string& query);

}  // namespace openclaw::cli
