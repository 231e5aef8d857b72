#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/agent_settings.h"
#include "protocol/result.h"

namespace openclaw::httpapi {

// Upstream's agent-first model ids for the OpenAI-compatible APIs: the OpenAI `model` field
// names an agent, not a provider model. "openclaw" and "openclaw/default" are the default agent;
// "openclaw/<agentId>", "openclaw:<agentId>" and "agent:<agentId>" a configured one (ids of
// [a-z0-9][a-z0-9_-]{0,63}, any case).

// Whether `model` has that form (which agents exist is not checked).
bool isAgentModelId(const std::string& model);
// The normalized agent `model` names (the default agent for the aliases); nullopt when it is not
// an agent model id. Whether the agent is configured is not checked.
std::optional<std::string> agentOfModelId(const std::string& model,
                                          const config::AgentSettings& agents);
// What GET /v1/models lists: "openclaw", "openclaw/default", then "openclaw/<agentId>" for every
// configured agent.
std::vector<std::string> listedModelIds(const config::AgentSettings& agents);

// Where an OpenAI-compatible request's turn goes.
struct AgentTarget {
  std::string agentId;
  std::string sessionKey;  // canonical
};

// What the request says about it.
struct AgentTargetRequest {
  std::string model;                // the body's `model` ("" when absent)
  std::string agentHeader;          // x-openclaw-agent-id (else x-openclaw-agent)
  std::string sessionKeyHeader;     // x-openclaw-session-key
  std::optional<std::string> user;  // the OpenAI `user` field
  // Names the derived sessions: "agent:<id>:<prefix>:<uuid>" for a fresh one per request,
  // "agent:<id>:<prefix>-user:<user>" for the `user` field's stable one.
  std::string sessionPrefix = "openai";
};

// The longest `user` value that names a session.
inline constexpr std::size_t kMaxUserLength = 512;

// As upstream: a `model` that is not an agent model id is refused; the agent is the header's,
// else the model's, else the default one, and must be configured; the session is the
// x-openclaw-session-key header's (refused in the reserved namespaces subagent:, cron: and acp:,
// also below "agent:<id>:"), else one derived from `user`, else a fresh one. Errors are
// INVALID_REQUEST with upstream's messages (400 invalid_request_error over HTTP).
protocol::Result<AgentTarget> resolveAgentTarget(const AgentTargetRequest& request,
                                                 const config::AgentSettings& agents);

}  // namespace openclaw::httpapi
