#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "nodes/node_registry.h"

namespace openclaw::nodes {

// Every node the gateway knows, as node.list rows: the connected ones (with what they declared)
// and the paired ones that are offline. `pairedNodes` are the `paired` rows of the pairing
// registry's node list ({nodeId, displayName?, platform?, ..., approvedAtMs}). A connected node
// counts as paired only when it proved the device identity that was paired. Connected nodes
// come first, each group ordered by nodeId.
nlohmann::json knownNodes(const std::vector<const NodeSession*>& connected,
                          const nlohmann::json& pairedNodes);

// The row for one node id, or null when the node is neither connected nor paired.
nlohmann::json knownNode(const std::vector<const NodeSession*>& connected,
                         const nlohmann::json& pairedNodes, const std::string& nodeId);

}  // namespace openclaw::nodes
