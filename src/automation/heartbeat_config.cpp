#include "automation/heartbeat_config.h"

#include <algorithm>

#include "automation/heartbeat_reply.h"
#include "sessions/session_keys.h"

namespace openclaw::automation {
namespace {

AgentHeartbeat effective(const std::string& agentId, const config::HeartbeatBlock& block) {
  AgentHeartbeat heartbeat;
  heartbeat.agentId = agentId;
  heartbeat.every = block.every.value_or(kDefaultHeartbeatEvery);
  heartbeat.target = block.target.value_or("last");
  if (heartbeat.target == "owner") heartbeat.target = "last";
  heartbeat.to = block.to.value_or("");
  heartbeat.accountId = block.accountId.value_or("");
  const std::string prompt = block.prompt.value_or("");
  heartbeat.prompt =
      prompt.find_first_not_of(" \t\r\n") == std::string::npos ? kDefaultHeartbeatPrompt : prompt;
  heartbeat.ackMaxChars = static_cast<std::size_t>(
      block.ackMaxChars.value_or(static_cast<std::int64_t>(kDefaultAckMaxChars)));
  heartbeat.model = block.model;
  if (block.timeoutSeconds) {
    heartbeat.timeout = std::chrono::seconds(*block.timeoutSeconds);
  } else {
    heartbeat.timeout = std::clamp<std::chrono::milliseconds>(
        heartbeat.every, std::chrono::seconds(1), kMaxDefaultHeartbeatTimeout);
  }
  heartbeat.activeHours = block.activeHours;
  return heartbeat;
}

}  // namespace

const char* const kDefaultHeartbeatPrompt =
    "Heartbeat check. Follow the HEARTBEAT.md checklist below when there is one; do not infer "
    "or repeat old tasks from earlier chats. If nothing needs attention, reply HEARTBEAT_OK.";

AgentHeartbeat agentHeartbeat(const config::GatewaySettings& settings, const std::string& agentId) {
  config::HeartbeatBlock block = settings.heartbeat.defaults.value_or(config::HeartbeatBlock{});
  for (const config::AgentEntrySettings& entry : settings.agents.list) {
    if (entry.heartbeat && sessions::normalizeAgentId(entry.id) == agentId) {
      block.mergeFrom(*entry.heartbeat);
    }
  }
  return effective(agentId, block);
}

std::vector<AgentHeartbeat> heartbeatAgents(const config::GatewaySettings& settings,
                                            const std::string& defaultAgentId) {
  const auto& list = settings.agents.list;
  const bool anyOwn = std::any_of(list.begin(), list.end(),
                                  [](const auto& entry) { return entry.heartbeat.has_value(); });
  std::vector<AgentHeartbeat> agents;
  if (anyOwn || (settings.heartbeat.defaults && !list.empty())) {
    for (const config::AgentEntrySettings& entry : list) {
      if (anyOwn && !entry.heartbeat) continue;
      agents.push_back(agentHeartbeat(settings, sessions::normalizeAgentId(entry.id)));
    }
    return agents;
  }
  agents.push_back(agentHeartbeat(settings, defaultAgentId));
  return agents;
}

}  // namespace openclaw::automation
