#include "methods/node_methods.h"

#include <algorithm>

#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/durations.h"
#include "core/logging.h"
#include "nodes/node_catalog.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

using protocol::GatewayError;

// Used when node.invoke names no timeoutMs (as upstream); longer waits are capped at a day.
constexpr std::chrono::milliseconds kDefaultInvokeTimeout{5'000};
constexpr std::chrono::milliseconds kMaxInvokeTimeout = std::chrono::hours(24);

// What the operator-facing node methods consult: live sessions and the pairing records.
struct NodeState {
  nodes::NodeRegistry& registry;
  const pairing::PairingRegistry& pairing;
  const config::NodeCommandSettings& commandPolicy;
};

// Whether `node` may run `command`: the gateway's policy first, then what the node declared.
protocol::Result<void> commandAllowed(const config::NodeCommandSettings& policy,
                                      const nodes::NodeSession& node, const std::string& command) {
  if (auto refused = nodes::commandPolicyRefusal(policy, node.platform,
                                                 node.deviceFamily.value_or(""), command)) {
    return GatewayError::invalidRequest(
        "node command not allowed: " + *refused,
        {{"reason", "command not allowlisted"}, {"command", command}});
  }
  if (node.commands.empty()) {
    return GatewayError::invalidRequest(
        "node command not allowed: the node did not declare any supported commands",
        {{"reason", "node did not declare commands"}, {"command", command}});
  }
  if (std::find(node.commands.begin(), node.commands.end(), command) == node.commands.end()) {
    return GatewayError::invalidRequest(
        "node command not allowed: the node (platform: " + node.platform + ") does not support \"" +
            command + "\"",
        {{"reason", "command not declared by node"}, {"command", command}});
  }
  return {};
}

// The payload a node sent as payloadJSON, parsed; text that is not JSON is passed on wrapped.
nlohmann::json parsedPayload(const std::string& payloadJSON) {
  nlohmann::json parsed = core::parseJsonOrDiscarded(payloadJSON);
  if (parsed.is_discarded()) return {{"payloadJSON", payloadJSON}};
  return parsed;
}

// The operator's node.invoke answer for how the invoke ended.
void answerInvoke(const rpc::Responder& respond, const nodes::InvokeRequest& request,
                  const protocol::Result<nodes::InvokeReply>& outcome) {
  if (!outcome) return respond.fail(outcome.error());
  const nodes::InvokeReply& reply = *outcome;
  respond.ok({{"ok", true},
              {"nodeId", request.nodeId},
              {"command", request.command},
              {"payload", reply.payloadJSON ? parsedPayload(*reply.payloadJSON) : reply.payload},
              {"payloadJSON",
               reply.payloadJSON ? nlohmann::json(*reply.payloadJSON) : nlohmann::json(nullptr)}});
}

void nodeList(const NodeState& state, const rpc::Responder& respond) {
  respond.ok({{"ts", core::nowMs()},
              {"nodes", nodes::knownNodes(state.registry.connected(),
                                          state.pairing.listNodes().at("paired"))}});
}

void nodeDescribe(const NodeState& state, const rpc::MethodCall& call,
                  const rpc::Responder& respond) {
  nlohmann::json described = nodes::knownNode(
      state.registry.connected(), state.pairing.listNodes().at("paired"), call.params.at("nodeId"));
  if (described.is_null()) {
    respond.fail(GatewayError::invalidRequest("unknown nodeId"));
    return;
  }
  described["ts"] = core::nowMs();
  respond.ok(described);
}

void nodeInvoke(const NodeState& state, const rpc::MethodCall& call,
                const rpc::Responder& respond) {
  nodes::NodeRegistry& registry = state.registry;
  nodes::InvokeRequest request;
  request.nodeId = call.params.at("nodeId");
  request.command = call.params.at("command");
  if (call.params.contains("params")) request.params = call.params.at("params");
  request.timeoutMs = core::durationParam(call.params, "timeoutMs", std::chrono::milliseconds(1),
                                          kDefaultInvokeTimeout, kMaxInvokeTimeout)
                          .count();
  request.idempotencyKey = call.params.at("idempotencyKey");
  const nodes::NodeSession* node = registry.find(request.nodeId);
  if (node == nullptr) {
    respond.fail({protocol::codes::kUnavailable,
                  "node not connected",
                  {{"code", "NOT_CONNECTED"}},
                  std::nullopt,
                  std::nullopt});
    return;
  }
  // Only a node that proved a paired device identity may run commands; others are listed and
  // described but not invoked.
  if (!node->deviceId || !state.pairing.isPaired(*node->deviceId, "node")) {
    respond.fail({protocol::codes::kNotPaired,
                  "node not paired: approve its device first (openclaw devices approve)",
                  {{"code", "PAIRING_REQUIRED"}, {"nodeId", request.nodeId}},
                  std::nullopt,
                  std::nullopt});
    return;
  }
  if (auto allowed = commandAllowed(state.commandPolicy, *node, request.command); !allowed) {
    return respond.fail(allowed.error());
  }
  registry.invoke(request, [respond, request](const protocol::Result<nodes::InvokeReply>& outcome) {
    answerInvoke(respond, request, outcome);
  });
}

// node.invoke.result params as how the invoke ended; moves the payload out (it can be large).
protocol::Result<nodes::InvokeReply> invokeResult(nlohmann::json& params) {
  if (params.at("ok") != true) {
    auto found = params.find("error");
    return nodes::invokeFailure(found != params.end() ? std::move(*found) : nlohmann::json());
  }
  nodes::InvokeReply reply;
  if (auto found = params.find("payload"); found != params.end()) reply.payload = std::move(*found);
  if (auto found = params.find("payloadJSON"); found != params.end() && found->is_string()) {
    reply.payloadJSON = std::move(found->get_ref<std::string&>());
  }
  return reply;
}

void nodeInvokeResult(nodes::NodeRegistry& registry, const rpc::MethodCall& call,
                      const rpc::Responder& respond) {
  nlohmann::json& params = call.params;
  const std::string id = params.at("id");
  const std::string nodeId = params.at("nodeId");
  if (registry.nodeIdForConnection(call.connection->connId()) != nodeId) {
    respond.fail(GatewayError::invalidRequest("nodeId mismatch"));
    return;
  }
  if (!registry.completeInvoke(id, nodeId, invokeResult(params))) {
    // A result after its invoke timed out (or for an id never sent): harmless, dropped.
    core::logger("gateway")->debug("late invoke result ignored: id={} node={}", id, nodeId);
    respond.ok({{"ok", true}, {"ignored", true}});
    return;
  }
  respond.ok({{"ok", true}});
}

void nodeEvent(nodes::NodeRegistry& registry, const rpc::MethodCall& call,
               const rpc::Responder& respond) {
  const std::string event = call.params.at("event");
  const std::string nodeId =
      registry.nodeIdForConnection(call.connection->connId()).value_or("node");
  // No node event has a handler yet: each is acknowledged and logged, not acted on.
  core::logger("gateway")->info("node event {} from {}", event, nodeId);
  respond.ok({{"ok", true}, {"event", event}, {"handled", false}});
}

}  // namespace

void registerNodeMethods(rpc::MethodRegistry& registry, nodes::NodeRegistry& nodes,
                         const pairing::PairingRegistry& pairing,
                         const config::NodeCommandSettings& commandPolicy) {
  const NodeState state{nodes, pairing, commandPolicy};
  registry.addEvent("node.invoke.request");
  registry.add({.name = "node.list",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "NodeListParams",
                .handler = [state](const rpc::MethodCall&, const rpc::Responder& respond) {
                  nodeList(state, respond);
                }});
  registry.add({.name = "node.describe",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "NodeDescribeParams",
                .handler = [state](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  nodeDescribe(state, call, respond);
                }});
  registry.add({.name = "node.invoke",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "NodeInvokeParams",
                .sideEffects = true,
                .handler = [state](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  nodeInvoke(state, call, respond);
                }});
  registry.add({.name = "node.invoke.result",
                .scope = "node",
                .paramsSchema = "NodeInvokeResultParams",
                .handler = [&nodes](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  nodeInvokeResult(nodes, call, respond);
                }});
  registry.add({.name = "node.event",
                .scope = "node",
                .paramsSchema = "NodeEventParams",
                .handler = [&nodes](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  nodeEvent(nodes, call, respond);
                }});
}

}  // namespace openclaw::methods
