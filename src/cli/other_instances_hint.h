#pragma once

#include <string>

#include "cli/cli_context.h"

namespace openclaw::cli {

// For a command whose instance has no gateway at `unreachableUrl`: one line for each other
// instance on this host (a ~/.openclaw* state dir, with the target its own config names) whose
// gateway answers, with the command to use instead, e.g.
//   a gateway is running for --dev on ws://127.0.0.1:19001: try 'openclaw --dev health'
// Empty when there is none. Only loopback targets are tried, each by opening its WebSocket up to
// the gateway's connect.challenge within a short deadline (no credentials sent).
std::string otherInstancesHint(const CliContext& context, const std::string& unreachableUrl);

}  // namespace openclaw::cli
