#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"

namespace openclaw::cli {

// `openclaw gateway healthcheck [--url URL] [--timeout-ms N]`: GET the gateway's /healthz and
// exit 0 on HTTP 200, 1 otherwise. The container image's HEALTHCHECK runs it, as the image has
// no shell or curl.
void addGatewayHealthcheckCommand(CLI::App& gateway, CliContext& context);

}  // namespace openclaw::cli
