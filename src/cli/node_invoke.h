#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/cli_context.h"
#include "cli/rpc_client.h"

namespace openclaw::cli {

// How one node.invoke is sent, beyond the RPC target options.
struct NodeInvokeOptions {
  int invokeTimeoutMs = 15'000;  // how long the node may take
  std::optional<std::string> idempotencyKey;
};

// Adds --invoke-timeout (help text naming `defaultMs`, which `options` must already hold) and
// --idempotency-key.
void addNodeInvokeOptions(CLI::App& command, NodeInvokeOptions& options);

// Finds the node `node` names (an id, remote IP, display name or id prefix: selectNode) through
// node.list, then sends it `command` with `params` through node.invoke, the transport timeout
// raised to at least the invoke timeout plus a grace period. `handle` gets node.invoke's answer
// ({ok, nodeId, command, payload, …}) and returns the exit code. An unknown or ambiguous node
// is reported (on stdout too with --json) and gives 1, as gateway errors do (withGateway).
int invokeNode(const CliContext& context, RpcOptions rpc, const std::string& node,
               const std::string& command, const nlohmann::json& params,
               const NodeInvokeOptions& invoke,
               const std::function<int(const nlohmann::json& answer)>& handle);

}  // namespace openclaw::cli
