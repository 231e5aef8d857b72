#include "httpapi/hook_actions.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

// A string field trimmed; "" when absent, not a string, or blank.
std::string optionalString(const json& payload, const char* key) {
  const auto found = payload.find(key);
  if (found == payload.end() || !found->is_string()) return "";
  return core::trimmed(found->get<std::string>());
}

bool present(const json& payload, const char* key) { return payload.contains(key); }

// agentId, when present, must be a non-empty string.
std::optional<std::string> agentIdError(const json& payload) {
  if (present(payload, "agentId") && optionalString(payload, "agentId").empty()) {
    return "agentId must be a non-empty string";
  }
  return std::nullopt;
}

// The delivery fields of an /agent body; an error message when they do not fit together.
std::optional<std::string> readDelivery(const json& payload,
                                        const std::vector<std::string>& channelIds,
                                        HookAgent& agent) {
  agent.deliver = payload.value("deliver", json(true)) != json(false);
  if (!agent.deliver) return std::nullopt;
  agent.to = optionalString(payload, "to");
  agent.accountId = optionalString(payload, "accountId");
  const bool hasChannel = present(payload, "channel");
  const bool hasTo = present(payload, "to");
  const bool hasAccount = present(payload, "accountId");
  if (hasChannel) {
    const json& raw = payload.at("channel");
    const std::string channel = raw.is_string() ? core::asciiLowercase(core::trimmed(raw)) : "";
    const bool known = channel == "last" ||
                       std::find(channelIds.begin(), channelIds.end(), channel) != channelIds.end();
    if (!known) return hookChannelError(channelIds);
    agent.channel = channel;
  }
  if (!hasChannel && !hasTo && !hasAccount) return std::nullopt;
  if (hasTo && agent.to.empty()) return "to must be a non-empty string for hook delivery";
  if (hasAccount && agent.accountId.empty()) {
    return "accountId must be a non-empty string for hook delivery";
  }
  if (hasAccount && (!hasChannel || agent.to.empty())) {
    return "accountId requires channel and to for hook delivery";
  }
  if (!hasChannel || agent.to.empty()) {
    return "channel and to must be set together for hook delivery";
  }
  if (agent.channel == "last") return "channel must name a concrete channel for hook delivery";
  return std::nullopt;
}

}  // namespace

std::string hookChannelError(const std::vector<std::string>& channelIds) {
  std::string list = "last";
  for (const std::string& id : channelIds) list += "|" + id;
  return "channel must be " + list;
}

HookChecked<HookWake> wakeFromPayload(const json& payload) {
  HookWake wake;
  wake.text = optionalString(payload, "text");
  if (wake.text.empty()) return HookError{"text required"};
  wake.now = payload.value("mode", json()) != json("next-heartbeat");
  if (auto error = agentIdError(payload)) return HookError{*error};
  wake.agentId = optionalString(payload, "agentId");
  wake.sessionKey = optionalString(payload, "sessionKey");
  if (present(payload, "sessionKey") && wake.sessionKey.empty()) {
    return HookError{"sessionKey must be a non-empty string"};
  }
  if (!wake.now && !wake.sessionKey.empty()) return HookError{"sessionKey requires mode=now"};
  return wake;
}

HookChecked<HookAgent> agentFromPayload(const json& payload,
                                        const std::vector<std::string>& channelIds) {
  HookAgent agent;
  agent.message = optionalString(payload, "message");
  if (agent.message.empty()) return HookError{"message required"};
  if (auto name = optionalString(payload, "name"); !name.empty()) agent.name = name;
  if (auto error = agentIdError(payload)) return HookError{*error};
  agent.agentId = optionalString(payload, "agentId");
  agent.wakeNow = payload.value("wakeMode", json()) != json("next-heartbeat");
  agent.sessionKey = optionalString(payload, "sessionKey");
  if (present(payload, "sessionMode")) {
    const json& mode = payload.at("sessionMode");
    if (mode != json("isolated") && mode != json("persistent")) {
      return HookError{"sessionMode must be isolated or persistent"};
    }
    agent.persistent = mode == json("persistent");
  }
  if (auto error = readDelivery(payload, channelIds, agent)) return HookError{*error};
  agent.model = optionalString(payload, "model");
  if (present(payload, "model") && agent.model.empty()) return HookError{"model required"};
  agent.thinking = optionalString(payload, "thinking");
  const json timeout = payload.value("timeoutSeconds", json());
  if (timeout.is_number() && std::isfinite(timeout.get<double>()) && timeout.get<double>() >= 1) {
    agent.timeoutSeconds =
        static_cast<std::int64_t>(std::min(std::floor(timeout.get<double>()), 7.0 * 24 * 3600));
  }
  return agent;
}

}  // namespace openclaw::httpapi
