#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "cli/cli_context.h"
#include "cli/rpc_client.h"

namespace openclaw::cli {

// Adds the subcommand `name` of `parent` with the common RPC options (addRpcOptions, stored in
// `options`); when the parse selects it, `action` becomes the context's action.
CLI::App* addRpcSubcommand(CLI::App& parent, CliContext& context, const std::string& name,
                           const std::string& description, std::shared_ptr<RpcOptions> options,
                           std::function<int(const RpcOptions&)> action);

}  // namespace openclaw::cli
