#pragma once

#include <functional>

#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "rpc/gateway_runtime.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// What the config methods need from the process running the gateway.
struct ConfigControl {
  // Resolves settings from a config exactly as start-up and reloads do (the same flags and
  // environment); throws config::ConfigError or std::runtime_error for a config the gateway
  // would refuse. A write is validated with it before it reaches the disk.
  std::function<config::GatewaySettings(const config::ConfigFile&)> resolve;
  // Hands the settings of a config just written to the running gateway, which applies them as
  // a change its watcher saw or, with `explicitApply` (config.apply), as one an operator asked
  // to apply now (config::reloadAction). Unset when nothing applies them (in-process tests).
  std::function<void(config::GatewaySettings next, bool explicitApply)> commit;
};

// config.get, config.schema (operator.read) and config.set, config.patch, config.apply
// (operator.admin) over the config file runtime.settings.paths.configPath.
void registerConfigMethods(rpc::MethodRegistry& registry, rpc::GatewayRuntime& runtime,
                           ConfigControl control);

}  // namespace openclaw::methods
