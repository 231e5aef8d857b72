#include "nodes/node_catalog.h"

#include <set>

namespace openclaw::nodes {
namespace {

const nlohmann::json* pairedRow(const nlohmann::json& pairedNodes, const std::string& nodeId) {
  for (const nlohmann::json& row : pairedNodes) {
    if (row.value("nodeId", "") == nodeId) return &row;
  }
  return nullptr;
}

void copyIfPresent(nlohmann::json& to, const nlohmann::json& from, const char* key) {
  if (from.contains(key)) to[key] = from.at(key);
}

nlohmann::json connectedRow(const NodeSession& node, const nlohmann::json* paired) {
  nlohmann::json row = {{"nodeId", node.nodeId},
                        {"platform", node.platform},
                        {"version", node.version},
                        {"clientId", node.clientId},
                        {"clientMode", node.clientMode},
                        {"remoteIp", node.remoteIp},
                        {"caps", node.caps},
                        {"commands", node.commands},
                        {"permissions", node.permissions},
                        {"paired", paired != nullptr},
                        {"connected", true},
                        {"connectedAtMs", node.connectedAtMs}};
  if (node.displayName) row["displayName"] = *node.displayName;
  if (node.deviceFamily) row["deviceFamily"] = *node.deviceFamily;
  if (node.modelIdentifier) row["modelIdentifier"] = *node.modelIdentifier;
  if (paired != nullptr) copyIfPresent(row, *paired, "approvedAtMs");
  return row;
}

nlohmann::json offlineRow(const nlohmann::json& paired) {
  nlohmann::json row = {{"nodeId", paired.at("nodeId")},
                        {"caps", nlohmann::json::array()},
                        {"commands", nlohmann::json::array()},
                        {"paired", true},
                        {"connected", false}};
  for (const char* key : {"displayName", "platform", "deviceFamily", "clientId", "clientMode",
                          "remoteIp", "approvedAtMs"}) {
    copyIfPresent(row, paired, key);
  }
  return row;
}

// The paired row for a connected node, when the node proved the paired device identity.
const nlohmann::json* pairingOf(const NodeSession& node, const nlohmann::json& pairedNodes) {
  return node.deviceId ? pairedRow(pairedNodes, *node.deviceId) : nullptr;
}

}  // namespace

nlohmann::json knownNodes(const std::vector<const NodeSession*>& connected,
                          const nlohmann::json& pairedNodes) {
  nlohmann::json rows = nlohmann::json::array();
  std::set<std::string> listed;
  for (const NodeSession* node : connected) {
    rows.push_back(connectedRow(*node, pairingOf(*node, pairedNodes)));
    listed.insert(node->nodeId);
  }
  std::set<std::string> offline;
  for (const nlohmann::json& paired : pairedNodes) {
    const std::string nodeId = paired.value("nodeId", "");
    if (!nodeId.empty() && !listed.contains(nodeId)) offline.insert(nodeId);
  }
  for (const std::string& nodeId : offline)
    rows.push_back(offlineRow(*pairedRow(pairedNodes, nodeId)));
  return rows;
}

nlohmann::json knownNode(const std::vector<const NodeSession*>& connected,
                         const nlohmann::json& pairedNodes, const std::string& nodeId) {
  for (const NodeSession* node : connected) {
    if (node->nodeId == nodeId) return connectedRow(*node, pairingOf(*node, pairedNodes));
  }
  if (const nlohmann::json* paired = pairedRow(pairedNodes, nodeId)) return offlineRow(*paired);
  return nullptr;
}

}  // namespace openclaw::nodes
