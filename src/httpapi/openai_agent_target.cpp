#include "httpapi/openai_agent_target.h"

#include <cctype>
#include <string_view>

#include "core/random_ids.h"
#include "core/text.h"
#include "methods/agent_lookup.h"
#include "sessions/session_keys.h"

namespace openclaw::httpapi {
namespace {

using protocol::GatewayError;

// [a-z0-9][a-z0-9_-]{0,63}, any case.
bool validAgentIdText(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '-'))) return false;
  }
  return true;
}

// The agent id part of "openclaw/<id>", "openclaw:<id>" or "agent:<id>" (any case), if valid.
std::optional<std::string> modelAgentPart(const std::string& raw) {
  const std::string lowered = core::asciiLowercase(raw);
  for (const std::string prefix : {"openclaw/", "openclaw:", "agent:"}) {
    if (lowered.rfind(prefix, 0) == 0 && validAgentIdText(lowered.substr(prefix.size()))) {
      return lowered.substr(prefix.size());
    }
  }
  return std::nullopt;
}

bool isDefaultAlias(const std::string& lowered) {
  return lowered == "openclaw" || lowered == "openclaw/default";
}

GatewayError unknownAgent(const std::string& agentId) {
  return GatewayError::invalidRequest("Unknown agent '" + agentId + "'.");
}

// A canonical key in a namespace only the gateway itself creates sessions in ("cron:x" is
// "agent:<id>:cron:x" once canonical).
bool reservedSessionKey(const std::string& canonical) {
  const std::string rest = canonical.substr(canonical.find(':', 6) + 1);
  for (const char* prefix : {"subagent:", "cron:", "acp:"}) {
    if (rest.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

bool isAgentModelId(const std::string& model) {
  const std::string raw = core::trimmed(model);
  return isDefaultAlias(core::asciiLowercase(raw)) || modelAgentPart(raw).has_value();
}

std::optional<std::string> agentOfModelId(const std::string& model,
                                          const config::AgentSettings& agents) {
  const std::string raw = core::trimmed(model);
  if (isDefaultAlias(core::asciiLowercase(raw))) return methods::defaultAgentId(agents);
  const auto agentId = modelAgentPart(raw);
  if (!agentId) return std::nullopt;
  return sessions::normalizeAgentId(*agentId);
}

std::vector<std::string> listedModelIds(const config::AgentSettings& agents) {
  std::vector<std::string> ids = {"openclaw", "openclaw/default"};
  for (const std::string& agentId : methods::configuredAgentIds(agents)) {
    ids.push_back("openclaw/" + agentId);
  }
  return ids;
}

protocol::Result<AgentTarget> resolveAgentTarget(const AgentTargetRequest& request,
                                                 const config::AgentSettings& agents) {
  if (!core::trimmed(request.model).empty() && !isAgentModelId(request.model)) {
    return GatewayError::invalidRequest("Invalid `model`. Use `openclaw` or `openclaw/<agentId>`.");
  }
  AgentTarget target;
  const std::string header = core::trimmed(request.agentHeader);
  if (!header.empty()) {
    if (!validAgentIdText(header)) {
      return unknownAgent(header);
    }
    target.agentId = sessions::normalizeAgentId(header);
  } else {
    target.agentId =
        agentOfModelId(request.model, agents).value_or(methods::defaultAgentId(agents));
  }
  if (!methods::isConfiguredAgent(agents, target.agentId)) return unknownAgent(target.agentId);

  const std::string explicitKey = core::trimmed(request.sessionKeyHeader);
  if (!explicitKey.empty()) {
    const auto canonical = sessions::canonicalSessionKey(explicitKey, target.agentId);
    if (!canonical) {
      return GatewayError::invalidRequest("`x-openclaw-session-key` is not a valid session key.");
    }
    if (reservedSessionKey(*canonical)) {
      return GatewayError::invalidRequest(
          "`x-openclaw-session-key` cannot use reserved internal session namespaces.");
    }
    target.sessionKey = *canonical;
    target.agentId = sessions::agentIdOfSessionKey(*canonical).value_or(target.agentId);
    return target;
  }
  const std::string user = core::trimmed(request.user.value_or(""));
  if (user.size() > kMaxUserLength) {
    return GatewayError::invalidRequest("`user` is longer than " + std::to_string(kMaxUserLength) +
                                        " characters.");
  }
  const std::string rest = user.empty() ? request.sessionPrefix + ":" + core::uuidV4()
                                        : request.sessionPrefix + "-user:" + user;
  target.sessionKey = "agent:" + target.agentId + ":" + core::asciiLowercase(rest);
  return target;
}

}  // namespace openclaw::httpapi
