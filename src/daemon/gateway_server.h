#pragma once

#include <functional>

#include "config/gateway_settings.h"

namespace openclaw::daemon {

// Resolves the settings from a config file and the command line the gateway was started with;
// called on every config reload and to validate config writes (config.set, ...). Throws on an
// invalid config.
using SettingsResolver = std::function<config::GatewaySettings(const config::ConfigFile&)>;

// Runs the gateway until SIGINT or SIGTERM: takes the state-dir lock, opens the database,
// listens, serves, and on a signal broadcasts `shutdown`, closes every socket with a close
// frame and returns within a bounded time. Config changes are applied live or by an
// in-process restart as gateway.reload.mode says; SIGUSR1 restarts in-process when
// commands.restart allows it. Returns the process exit code: 0 after a clean shutdown, 1 when
// start-up failed (the reason is logged).
int runGateway(config::GatewaySettings settings, const SettingsResolver& resolve);

}  // namespace openclaw::daemon
