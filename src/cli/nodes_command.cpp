#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/node_invoke.h"
#include "cli/rpc_client.h"
#include "cli/rpc_subcommand.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

std::string joinedList(const json& values) {
  std::string text;
  for (const json& value : values) {
    if (!text.empty()) text += ", ";
    text += value.is_string() ? value.get<std::string>() : value.dump();
  }
  return text.empty() ? "-" : text;
}

void printNode(const json& node) {
  std::cout << node.value("nodeId", "?") << "\n"
            << "  name: " << node.value("displayName", "-")
            << "  platform: " << node.value("platform", "-")
            << "  version: " << node.value("version", "-") << "\n"
            << "  " << (node.value("connected", false) ? "connected" : "offline") << ", "
            << (node.value("paired", false) ? "paired" : "not paired");
  if (node.contains("remoteIp")) std::cout << ", from " << node.value("remoteIp", "");
  std::cout << "\n  commands: " << joinedList(node.value("commands", json::array())) << "\n";
}

void printList(const json& payload) {
  const json& nodes = payload.at("nodes");
  std::cout << (nodes.empty() ? "No nodes." : "Nodes: " + std::to_string(nodes.size())) << "\n";
  for (const json& node : nodes) printNode(node);
}

void printPending(const json& payload) {
  const json& pending = payload.at("pending");
  std::cout << (pending.empty() ? "No pending node requests."
                                : "Pending node requests: " + std::to_string(pending.size()))
            << "\n";
  for (const json& request : pending) {
    std::cout << request.value("requestId", "?") << "  node " << request.value("nodeId", "?")
              << "  " << request.value("displayName", "-") << "  from "
              << request.value("remoteIp", "-") << "\n";
  }
}

// `nodes approve|reject <requestId>`: node.pair.approve / node.pair.reject.
void addPairingDecision(CLI::App& nodes, CliContext& context, const std::string& verb,
                        const std::string& scope, const std::string& description) {
  auto requestId = std::make_shared<std::string>();
  CLI::App* command = addRpcSubcommand(
      nodes, context, verb, description, std::make_shared<RpcOptions>(),
      [&context, requestId, verb, scope](const RpcOptions& options) {
        return callAndPrint(context, options, scope, "node.pair." + verb,
                            {{"requestId", *requestId}}, [&verb](const json& payload) {
                              std::cout << "Node request " << verb << "d: " << payload.dump()
                                        << "\n";
                            });
      });
  command->add_option("requestId", *requestId, "The pending request's id (openclaw nodes pending)")
      ->required();
}

struct InvokeArgs {
  std::string node;
  std::string command;
  std::string paramsText = "{}";
  NodeInvokeOptions invoke;
};

int invoke(const CliContext& context, const RpcOptions& options, const InvokeArgs& args) {
  const json params = json::parse(args.paramsText, nullptr, false);
  if (params.is_discarded() || !params.is_object()) {
    std::cerr << "error: --params must be a JSON object, got: " << args.paramsText << "\n";
    return 2;
  }
  return invokeNode(context, options, args.node, args.command, params, args.invoke,
                    [&options](const json& answer) {
                      std::cout << (options.json ? answer : answer.value("payload", json())).dump(2)
                                << "\n";
                      return 0;
                    });
}

}  // namespace

void addNodesCommand(CLI::App& root, CliContext& context) {
  CLI::App* nodes =
      root.add_subcommand("nodes", "List, describe, approve and invoke nodes (node.* methods)");
  nodes->require_subcommand(1);

  addRpcSubcommand(*nodes, context, "list", "Connected and paired nodes (node.list)",
                   std::make_shared<RpcOptions>(), [&context](const RpcOptions& options) {
                     return callAndPrint(context, options, protocol::scopes::kRead, "node.list",
                                         json::object(), printList);
                   });

  addRpcSubcommand(*nodes, context, "pending", "Node pairing requests waiting for approval",
                   std::make_shared<RpcOptions>(), [&context](const RpcOptions& options) {
                     return callAndPrint(context, options, protocol::scopes::kPairing,
                                         "node.pair.list", json::object(), printPending);
                   });

  auto describeId = std::make_shared<std::string>();
  addRpcSubcommand(*nodes, context, "describe", "One node's declaration and state (node.describe)",
                   std::make_shared<RpcOptions>(),
                   [&context, describeId](const RpcOptions& options) {
                     return callAndPrint(context, options, protocol::scopes::kRead, "node.describe",
                                         {{"nodeId", *describeId}}, printNode);
                   })
      ->add_option("nodeId", *describeId, "The node's id")
      ->required();

  // Granting a node role needs operator.admin (docs/pairing.md); declining needs pairing only.
  addPairingDecision(*nodes, context, "approve", protocol::scopes::kAdmin,
                     "Approve a pending node request");
  addPairingDecision(*nodes, context, "reject", protocol::scopes::kPairing,
                     "Reject a pending node request");

  auto args = std::make_shared<InvokeArgs>();
  CLI::App* invokeCommand = addRpcSubcommand(
      *nodes, context, "invoke",
      "Run a command the node advertises (node.invoke) and print its payload",
      std::make_shared<RpcOptions>(),
      [&context, args](const RpcOptions& options) { return invoke(context, options, *args); });
  invokeCommand
      ->add_option("node", args->node,
                   "The node: its id, remote IP, display name or an id prefix (6+ characters)")
      ->required();
  invokeCommand->add_option("command", args->command, "e.g. system.which")->required();
  invokeCommand->add_option("--params", args->paramsText, "Params as a JSON object (default {})");
  addNodeInvokeOptions(*invokeCommand, args->invoke);

  addNodesCanvasCommand(*nodes, context);
}

}  // namespace openclaw::cli
