#include "channels/access_policy.h"

#include <algorithm>

namespace openclaw::channels {
namespace {

std::string entryText(const nlohmann::json& entry) {
  return entry.is_string() ? entry.get<std::string>() : entry.dump();
}

// allowFrom entries may carry the channel as a prefix ("telegram:123").
bool listed(const std::vector<std::string>& allowFrom, const InboundMessage& message) {
  const std::string prefixed = message.channel + ":" + message.senderId;
  return std::any_of(allowFrom.begin(), allowFrom.end(), [&](const std::string& entry) {
    return entry == message.senderId || entry == prefixed;
  });
}

bool wildcard(const std::vector<std::string>& allowFrom) {
  return std::find(allowFrom.begin(), allowFrom.end(), "*") != allowFrom.end();
}

}  // namespace

AccessPolicy AccessPolicy::fromConfig(const nlohmann::json& config) {
  AccessPolicy policy;
  if (!config.is_object()) return policy;
  policy.dmPolicy = config.value("dmPolicy", policy.dmPolicy);
  if (config.contains("allowFrom") && config["allowFrom"].is_array()) {
    for (const auto& entry : config["allowFrom"]) policy.allowFrom.push_back(entryText(entry));
  }
  policy.groupPolicy = config.value("groupPolicy", policy.groupPolicy);
  if (config.contains("groups") && config["groups"].is_object()) policy.groups = config["groups"];
  policy.requireMention = config.value("requireMention", policy.requireMention);
  return policy;
}

AccessDecision decideDirect(const AccessPolicy& policy, const InboundMessage& message,
                            bool approved) {
  const std::string& mode = policy.dmPolicy;
  if (mode == "open") {
    const bool admitted = wildcard(policy.allowFrom) || listed(policy.allowFrom, message);
    return admitted ? AccessDecision::Allow : AccessDecision::Drop;
  }
  if (mode == "allowlist") {
    return listed(policy.allowFrom, message) ? AccessDecision::Allow : AccessDecision::Drop;
  }
  if (mode == "disabled") return AccessDecision::Drop;
  // "pairing" and anything unknown (the safe default).
  if (approved || listed(policy.allowFrom, message)) return AccessDecision::Allow;
  return AccessDecision::Pair;
}

AccessDecision decideGroup(const AccessPolicy& policy, const InboundMessage& message) {
  if (policy.groupPolicy == "disabled") return AccessDecision::Drop;
  const nlohmann::json* group = nullptr;
  if (policy.groups.contains(message.chatId)) {
    group = &policy.groups[message.chatId];
  } else if (policy.groups.contains("*")) {
    group = &policy.groups["*"];
  }
  if (!group && policy.groupPolicy != "open") return AccessDecision::Drop;
  bool requireMention = policy.requireMention;
  if (group && group->is_object()) requireMention = group->value("requireMention", requireMention);
  if (requireMention && !message.mentioned) return AccessDecision::Drop;
  return AccessDecision::Allow;
}

}  // namespace openclaw::channels
