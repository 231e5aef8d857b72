#include "cli/channel_config_edit.h"

#include <iostream>

#include "config/config_diff.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "methods/config_write.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

// The config.patch params for `patch` computed on `current` (whose hash is `hash`, "" if none).
json patchParams(const json& current, const json& patch, const std::string& hash) {
  json params = {{"raw", patch.dump()}, {"replacePaths", config::arrayRemovals(current, patch)}};
  if (!hash.empty()) params["baseHash"] = hash;
  return params;
}

int writeLocally(const CliContext& context,
                 const std::function<json(const json& current)>& makePatch) {
  const config::InstancePaths paths = context.paths();
  // Validated as a gateway would read it, except that an instance not set up yet
  // (gateway.mode unset) may get its channels first.
  config::GatewayRunOptions options;
  options.allowUnconfigured = true;
  const methods::ConfigResolver resolve = [&](const config::ConfigFile& file) {
    return config::resolveGatewaySettings(file, paths, options, context.env);
  };
  const methods::StoredConfig stored = methods::readStoredConfig(paths.configPath, resolve);
  if (!stored.parsed.is_object() || !stored.issues.empty()) {
    std::cerr << "error: " << paths.configPath.string()
              << " is not a valid config; fix it first: " << stored.issues.dump() << "\n";
    return 1;
  }
  const json patch = makePatch(stored.parsed);
  const json params = patchParams(stored.parsed, patch, stored.hash);
  methods::ConfigWriteRequest request;
  request.patch = true;
  request.raw = params.at("raw");
  if (params.contains("baseHash")) request.baseHash = params.at("baseHash");
  request.replacePaths = params.at("replacePaths");
  const auto written = methods::writeConfig(paths.configPath, request, resolve);
  if (!written) {
    std::cerr << "error: config not changed: " << written.error().message << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int editConfig(const CliContext& context, const RpcOptions& options,
               const std::function<json(const json& current)>& makePatch, bool& viaGateway) {
  const config::InstancePaths paths = context.paths();
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  const config::ClientTarget target =
      config::resolveClientTarget(file, paths, targetOptionsOf(options), context.env);
  const auto timeout = std::chrono::milliseconds(options.timeoutMs);
  bool connected = false;
  try {
    client::GatewayClient gateway(cliConnectOptions(target, protocol::scopes::kAdmin, timeout));
    gateway.connect();
    connected = true;
    viaGateway = true;
    const json snapshot = gateway.call("config.get", json::object(), timeout);
    const json current = snapshot.value("config", json::object());
    const std::string hash = snapshot.value("hash", json()).is_string() ? snapshot.at("hash") : "";
    gateway.call("config.patch", patchParams(current, makePatch(current), hash), timeout);
    return 0;
  } catch (const client::RequestRejected& error) {
    std::cerr << "error: config not changed: " << error.what() << "\n";
    return 1;
  } catch (const client::TransportError& error) {
    // A gateway named with --url must be reached; the local one may simply not run.
    if (connected || options.url) {
      std::cerr << "error: config not changed: " << error.what() << "\n";
      return 1;
    }
  }
  viaGateway = false;
  return writeLocally(context, makePatch);
}

}  // namespace openclaw::cli
