#include "methods/agent_lookup.h"

#include <algorithm>

#include "sessions/session_keys.h"

namespace openclaw::methods {

const config::AgentEntrySettings* findAgent(const config::AgentSettings& agents,
                                            const std::string& agentId) {
  for (const auto& entry : agents.list) {
    if (sessions::normalizeAgentId(entry.id) == agentId) return &entry;
  }
  return nullptr;
}

std::string defaultAgentId(const config::AgentSettings& agents) {
  if (agents.list.empty()) return sessions::kDefaultAgentId;
  const auto marked = std::find_if(agents.list.begin(), agents.list.end(),
                                   [](const auto& entry) { return entry.isDefault; });
  return sessions::normalizeAgentId(
      (marked != agents.list.end() ? *marked : agents.list.front()).id);
}

bool isConfiguredAgent(const config::AgentSettings& agents, const std::string& agentId) {
  return agents.list.empty() ? agentId == sessions::kDefaultAgentId
                             : findAgent(agents, agentId) != nullptr;
}

std::vector<std::string> configuredAgentIds(const config::AgentSettings& agents) {
  if (agents.list.empty()) return {sessions::kDefaultAgentId};
  std::vector<std::string> ids;
  for (const auto& entry : agents.list) ids.push_back(sessions::normalizeAgentId(entry.id));
  return ids;
}

}  // namespace openclaw::methods
