#include "httpapi/hook_policy.h"

#include <algorithm>

#include "core/random_ids.h"
#include "methods/agent_lookup.h"
#include "sessions/session_keys.h"

namespace openclaw::httpapi {
namespace {

std::string prefixError(const std::vector<std::string>& prefixes) {
  std::string list;
  for (const std::string& prefix : prefixes) list += (list.empty() ? "" : ", ") + prefix;
  return "sessionKey must start with one of: " + list;
}

// nullopt when `key` passes the prefix allowlist (or there is none), else the error.
std::optional<std::string> prefixRefusal(const config::HookSettings& hooks,
                                         const std::string& key) {
  const auto& prefixes = hooks.allowedSessionKeyPrefixes;
  if (!prefixes || config::hookSessionKeyAllowed(key, *prefixes)) return std::nullopt;
  return prefixError(*prefixes);
}

}  // namespace

HookChecked<std::string> hookTargetAgent(const config::HookSettings& hooks,
                                         const config::AgentSettings& agents,
                                         const std::string& agentId, bool fromRequest) {
  std::string effective = methods::defaultAgentId(agents);
  if (!agentId.empty()) {
    const std::string normalized = sessions::normalizeAgentId(agentId);
    if (methods::isConfiguredAgent(agents, normalized)) {
      effective = normalized;
    } else if (fromRequest) {
      return HookError{"unknown agentId \"" + agentId + "\""};
    }
  }
  if (hooks.allowedAgentIds &&
      std::find(hooks.allowedAgentIds->begin(), hooks.allowedAgentIds->end(), effective) ==
          hooks.allowedAgentIds->end()) {
    return HookError{"agentId is not allowed by hooks.allowedAgentIds"};
  }
  return effective;
}

HookChecked<std::string> hookSessionKey(const config::HookSettings& hooks,
                                        const std::string& requested, HookKeySource source) {
  if (!requested.empty()) {
    if (source != HookKeySource::MappingStatic && !hooks.allowRequestSessionKey) {
      return HookError{
          "sessionKey is disabled for externally supplied hook payload values; set "
          "hooks.allowRequestSessionKey=true to enable"};
    }
    if (auto refusal = prefixRefusal(hooks, requested)) return HookError{*refusal};
    return requested;
  }
  if (!hooks.defaultSessionKey.empty()) return hooks.defaultSessionKey;
  const std::string generated = "hook:" + core::uuidV4();
  if (auto refusal = prefixRefusal(hooks, generated)) return HookError{*refusal};
  return generated;
}

HookChecked<std::string> hookDispatchKey(const config::HookSettings& hooks, const std::string& key,
                                         const std::string& agentId) {
  std::string dispatched = key;
  if (sessions::agentIdOfSessionKey(key)) {
    const auto rest = key.find(':', 6);  // after "agent:<id>"
    dispatched = "agent:" + agentId + key.substr(rest);
  }
  if (auto refusal = prefixRefusal(hooks, dispatched)) return HookError{*refusal};
  return dispatched;
}

}  // namespace openclaw::httpapi
