#pragma once

#include <string>

#include "config/agent_settings.h"
#include "config/hook_settings.h"
#include "httpapi/hook_actions.h"

namespace openclaw::httpapi {

// The agent a hook action runs as, with upstream's rules: an agentId a request names must be a
// configured agent ("unknown agentId"); a mapping's unknown agentId falls back to the default
// agent; none means the default agent. The result must pass hooks.allowedAgentIds.
HookChecked<std::string> hookTargetAgent(const config::HookSettings& hooks,
                                         const config::AgentSettings& agents,
                                         const std::string& agentId, bool fromRequest);

// The logical session key of a hook agent run: the requested one (from a request or a
// templated mapping key only with hooks.allowRequestSessionKey), else hooks.defaultSessionKey,
// else a fresh "hook:<uuid>"; requested and generated keys must match
// hooks.allowedSessionKeyPrefixes.
HookChecked<std::string> hookSessionKey(const config::HookSettings& hooks,
                                        const std::string& requested, HookKeySource source);

// `key` as dispatched for `agentId`: an "agent:<other>:<rest>" key re-scoped to
// "agent:<agentId>:<rest>", then checked against hooks.allowedSessionKeyPrefixes again.
HookChecked<std::string> hookDispatchKey(const config::HookSettings& hooks, const std::string& key,
                                         const std::string& agentId);

}  // namespace openclaw::httpapi
