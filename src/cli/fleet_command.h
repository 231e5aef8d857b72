#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"

namespace openclaw::cli {

// `openclaw fleet create|list|status|start|stop|restart|logs|rm|upgrade|doctor`: per-tenant gateway
// cells (docs/fleet.md).
void addFleetCommand(CLI::App& root, CliContext& context);

}  // namespace openclaw::cli
