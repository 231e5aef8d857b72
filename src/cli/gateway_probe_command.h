#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"

namespace openclaw::cli {

// `openclaw gateway probe`: reachability, auth and a read probe for every local gateway.
void addGatewayProbeCommand(CLI::App& gateway, CliContext& context);

}  // namespace openclaw::cli
