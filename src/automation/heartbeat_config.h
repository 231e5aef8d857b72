#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "config/gateway_settings.h"

namespace openclaw::automation {

// The heartbeat turn's message when heartbeat.prompt is unset.
extern const char* const kDefaultHeartbeatPrompt;
// The cadence when heartbeat.every is unset.
inline constexpr std::chrono::minutes kDefaultHeartbeatEvery{30};
// The longest turn a heartbeat gets when heartbeat.timeoutSeconds is unset.
inline constexpr std::chrono::seconds kMaxDefaultHeartbeatTimeout{600};

// One agent's effective heartbeat: its own block merged over agents.defaults.heartbeat.
struct AgentHeartbeat {
  std::string agentId;                 // normalized
  std::chrono::milliseconds every{0};  // 0: no recurring cadence (wakes still run a turn)
  std::string target = "last";         // "last", "none" or a channel id ("owner" reads as "last")
  std::string to;
  std::string accountId;
  std::string prompt;
  std::size_t ackMaxChars = 0;
  std::optional<std::string> model;
  std::chrono::milliseconds timeout{0};  // 0: no limit
  std::optional<config::ActiveHoursSettings> activeHours;
  bool operator==(const AgentHeartbeat&) const = default;
};

// `agentId`'s (normalized) heartbeat: its own block merged over agents.defaults.heartbeat, or the
// defaults alone; whether or not the agent is enrolled (a wake runs a turn of any agent).
AgentHeartbeat agentHeartbeat(const config::GatewaySettings& settings, const std::string& agentId);

// The agents that run heartbeats, as upstream enrolls them: those with a heartbeat block of
// their own when any has one; else every configured agent when agents.defaults.heartbeat is
// set; else the default agent alone (`defaultAgentId`), on the built-in defaults.
std::vector<AgentHeartbeat> heartbeatAgents(const config::GatewaySettings& settings,
                                            const std::string& defaultAgentId);

}  // namespace openclaw::automation
