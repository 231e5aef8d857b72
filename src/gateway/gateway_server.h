#pragma once

#include "config/gateway_settings.h"

namespace openclaw::gateway {

// Runs the gateway until SIGINT or SIGTERM: takes the state-dir lock, opens the database,
// listens, serves, and on a signal broadcasts `shutdown`, closes every socket with a close
// frame and returns within a bounded time. Returns the process exit code: 0 after a clean
// shutdown, 1 when start-up failed (the reason is logged).
int runGateway(const config::GatewaySettings& settings);

}  // namespace openclaw::gateway
