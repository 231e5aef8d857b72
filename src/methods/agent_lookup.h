#pragma once

#include <string>
#include <vector>

#include "config/agent_settings.h"

namespace openclaw::methods {

// The agents the config names, by normalized id: agents.entries / agents.list, else the one
// implicit agent "main".

// The entry marked default, else the first; "main" when none is configured.
std::string defaultAgentId(const config::AgentSettings& agents);
// Whether normalized `agentId` is one of them.
bool isConfiguredAgent(const config::AgentSettings& agents, const std::string& agentId);
// Their normalized ids in config order.
std::vector<std::string> configuredAgentIds(const config::AgentSettings& agents);
// The entry of normalized `agentId`, or null (also for the implicit "main").
const config::AgentEntrySettings* findAgent(const config::AgentSettings& agents,
                                            const std::string& agentId);

}  // namespace openclaw::methods
