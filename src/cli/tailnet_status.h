#pragma once

#include <optional>

#include "config/config_file.h"
#include "service/status_report.h"

namespace openclaw::cli {

// For `gateway status`: with gateway.tailscale.mode serve/funnel, the Serve URL from
// `tailscale status --json` (blocking, 5 s at most); with gateway.bind "tailnet", the direct
// ws://<tailnet IPv4>:<port>. nullopt when neither is configured.
std::optional<service::TailnetView> tailnetView(const config::ConfigFile& file, int port);

}  // namespace openclaw::cli
