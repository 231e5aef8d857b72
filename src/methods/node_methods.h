#pragma once

#include "nodes/node_command_policy.h"
#include "nodes/node_registry.h"
#include "pairing/pairing_registry.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// node.list, node.describe, node.invoke (operators) and node.invoke.result, node.event (nodes);
// advertises the node.invoke.request event. `commandPolicy` is the running gateway.nodes
// policy (hot reloads update it in place), checked by node.invoke before forwarding.
void registerNodeMethods(rpc::MethodRegistry& registry, nodes::NodeRegistry& nodes,
                         const pairing::PairingRegistry& pairing,
                         const config::NodeCommandSettings& commandPolicy);

}  // namespace openclaw::methods
