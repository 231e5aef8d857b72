#include "cli/node_invoke.h"

#include <algorithm>
#include <iostream>

#include "cli/node_selector.h"
#include "core/random_ids.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

// The transport waits at least this much longer than the invoke itself.
constexpr int kTransportGraceMs = 10'000;

}  // namespace

void addNodeInvokeOptions(CLI::App& command, NodeInvokeOptions& options) {
  command
      .add_option("--invoke-timeout", options.invokeTimeoutMs,
                  "How long the node may take, in ms (default " +
                      std::to_string(options.invokeTimeoutMs) +
                      "); --timeout is raised to at least this plus 10000")
      ->check(CLI::Range(1, 86'400'000));
  command.add_option("--idempotency-key", options.idempotencyKey,
                     "Retry key (default: a new one per call)");
}

int invokeNode(const CliContext& context, RpcOptions rpc, const std::string& node,
               const std::string& command, const json& params, const NodeInvokeOptions& invoke,
               const std::function<int(const json& answer)>& handle) {
  rpc.timeoutMs = std::max(rpc.timeoutMs, invoke.invokeTimeoutMs + kTransportGraceMs);
  const auto timeout = std::chrono::milliseconds(rpc.timeoutMs);
  return withGateway(context, rpc, protocol::scopes::kWrite, [&](client::GatewayClient& gateway) {
    const NodeSelection selected =
        selectNode(gateway.call("node.list", json::object(), timeout), node);
    if (!selected.nodeId) {
      if (rpc.json) {
        std::cout << json{{"ok", false},
                          {"error", {{"type", "unknown_node"}, {"message", selected.problem}}}}
                         .dump(2)
                  << "\n";
      }
      std::cerr << "error: " << selected.problem << "\n";
      return 1;
    }
    const json request = {{"nodeId", *selected.nodeId},
                          {"command", command},
                          {"params", params},
                          {"timeoutMs", invoke.invokeTimeoutMs},
                          {"idempotencyKey", invoke.idempotencyKey.value_or(core::uuidV4())}};
    return handle(gateway.call("node.invoke", request, timeout));
  });
}

}  // namespace openclaw::cli
