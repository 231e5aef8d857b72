#include "doctor/known_keys.h"

#include <algorithm>

namespace openclaw::doctor {
namespace {

bool isKnownLeaf(const std::string& key) {
  const auto& known = knownConfigKeys();
  return std::find(known.begin(), known.end(), key) != known.end();
}

// Whether `key` is an object that holds known keys (gateway.auth for gateway.auth.token).
bool isKnownSection(const std::string& key) {
  const std::string prefix = key + ".";
  const auto& known = knownConfigKeys();
  return std::any_of(known.begin(), known.end(),
                     [&](const std::string& leaf) { return leaf.rfind(prefix, 0) == 0; });
}

void collectUnknown(const nlohmann::json& object, const std::string& dotted,
                    const std::string& pointer, std::vector<std::string>& unknown) {
  for (const auto& [name, value] : object.items()) {
    const std::string key = dotted + "." + name;
    const std::string childPointer = pointer + "/" + name;
    if (isKnownLeaf(key)) continue;
    if (!isKnownSection(key)) {
      unknown.push_back(childPointer);
    } else if (value.is_object()) {
      collectUnknown(value, key, childPointer, unknown);
    }
  }
}

}  // namespace

const std::vector<std::string>& knownConfigKeys() {
  static const std::vector<std::string> keys = {
      "gateway.mode",
      "gateway.port",
      "gateway.bind",
      "gateway.customBindHost",
      "gateway.auth.mode",
      "gateway.auth.token",
      "gateway.auth.password",
      "gateway.auth.rateLimit.maxAttempts",
      "gateway.auth.rateLimit.windowMs",
      "gateway.auth.rateLimit.lockoutMs",
      "gateway.auth.rateLimit.exemptLoopback",
      "gateway.tickIntervalMs",
      "gateway.limits.maxPayloadBytes",
      "gateway.limits.maxBufferedBytes",
      "gateway.limits.handshakeTimeoutMs",
      "gateway.remote.url",
      "gateway.remote.token",
      "gateway.remote.password",
      "gateway.reload.mode",
      "gateway.controlUi.allowedOrigins",
      "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback",
      "logging.file",
      "logging.level",
      "agents.defaults.timeoutSeconds",
      "session.dmScope",
      "agents.defaults.workspace",
      "tools.allow",
      "tools.deny",
      "tools.exec.security",
      "tools.exec.ask",
      "tools.exec.safeBins",
      "tools.exec.timeoutSec",
      "tools.web.fetch.ssrfPolicy.dangerouslyAllowPrivateNetwork",
      "agents.defaults.model",  // a string, or an object with `primary`
      "agents.entries",         // agent_settings.cpp checks the entries
      "agents.list",            // the older array form of agents.entries
      "models.providers",       // provider ids are free-form; model_settings.cpp checks them
  };
  return keys;
}

std::vector<std::string> unknownConfigKeys(const config::ConfigFile& file) {
  std::vector<std::string> unknown;
  for (const char* section : {"gateway", "logging", "tools"}) {
    auto found = file.root.find(section);
    if (found != file.root.end() && found->is_object()) {
      collectUnknown(*found, section, std::string("/") + section, unknown);
    }
  }
  return unknown;
}

}  // namespace openclaw::doctor
