#include "cli/other_instances_hint.h"

#include <chrono>

#include "client/gateway_client.h"
#include "client/ws_url.h"
#include "config/local_instances.h"
#include "core/files.h"
#include "core/network.h"

namespace openclaw::cli {
namespace {

constexpr std::chrono::milliseconds kProbeTimeout{1000};

bool isLocalGatewayUrl(const std::string& url) {
  try {
    const std::string host = client::parseWsUrl(url).host;
    return host == "localhost" || core::isLoopbackAddress(host);
  } catch (const std::invalid_argument&) {
    return false;
  }
}

// Whether a gateway answers at `url`: the WebSocket opens and its connect.challenge arrives.
bool gatewayAnswers(const std::string& url) {
  client::ConnectOptions options;
  options.url = url;
  options.timeout = kProbeTimeout;
  try {
    client::GatewayClient(std::move(options)).open();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string instanceLabel(const config::Profile& profile) {
  if (profile.dev) return "--dev";
  if (profile.name.empty()) return "the default instance";
  return "--profile " + profile.name;
}

}  // namespace

std::string otherInstancesHint(const CliContext& context, const std::string& unreachableUrl) {
  const config::Profile current = context.profile();
  std::string command;
  for (const std::string& name : context.commandPath) command += " " + name;
  std::string hint;
  for (const config::InstancePaths& paths : config::findLocalInstances(core::homeDir())) {
    if (paths.profile.name == current.name) continue;
    std::string url;
    try {
      url = config::ownClientTarget(paths).url;
    } catch (const std::exception&) {
      continue;  // no readable config: not an instance that can be running
    }
    if (url == unreachableUrl || !isLocalGatewayUrl(url) || !gatewayAnswers(url)) continue;
    hint += "a gateway is running for " + instanceLabel(paths.profile) + " on " + url + ": try '" +
            config::cliPrefix(paths.profile) + command + "'\n";
  }
  return hint;
}

}  // namespace openclaw::cli
