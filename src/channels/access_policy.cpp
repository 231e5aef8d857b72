#include "channels/access_policy.h"

#include <algorithm>
#include <string_view>

#include "channels/account_blocks.h"
#include "channels/channel_config.h"
#include "config/config_file.h"

namespace openclaw::channels {
namespace {

// allowFrom entries may carry the channel as a prefix ("telegram:123") and then the peer kind
// upstream's targets use ("user:U123", "slack:user:U123"), and may name the sender by any of its
// ids (senderId or one of senderAliases, e.g. Signal's "uuid:<id>").
bool listed(const std::vector<std::string>& allowFrom, const InboundMessage& message) {
  const std::string channelPrefix = message.channel + ":";
  return std::any_of(allowFrom.begin(), allowFrom.end(), [&](std::string_view entry) {
    if (entry.starts_with(channelPrefix)) entry.remove_prefix(channelPrefix.size());
    if (entry.starts_with("user:")) entry.remove_prefix(5);
    return entry == message.senderId ||
           std::any_of(message.senderAliases.begin(), message.senderAliases.end(),
                       [&](const std::string& alias) { return entry == alias; });
  });
}

bool wildcard(const std::vector<std::string>& allowFrom) {
  return std::find(allowFrom.begin(), allowFrom.end(), "*") != allowFrom.end();
}

}  // namespace

AccessPolicy AccessPolicy::fromConfig(const std::string& channelId, const nlohmann::json& block) {
  return fromAccount(channelPointer(channelId), block);
}

AccessPolicy AccessPolicy::fromAccount(const std::string& base, const nlohmann::json& block) {
  const config::ConfigFile view = accountConfigView(base, block);
  AccessPolicy policy;
  policy.dmPolicy = view.oneOf(base + "/dmPolicy", {"pairing", "allowlist", "open", "disabled"})
                        .value_or(policy.dmPolicy);
  policy.groupPolicy = view.oneOf(base + "/groupPolicy", {"allowlist", "open", "disabled"})
                           .value_or(policy.groupPolicy);
  policy.requireMention = view.boolean(base + "/requireMention").value_or(policy.requireMention);

  // Sender ids are strings or integers (Telegram user ids are numbers).
  if (block.is_object() && block.contains("allowFrom") && !block["allowFrom"].is_null()) {
    const nlohmann::json& list = block["allowFrom"];
    if (!list.is_array()) {
      throw view.errorAt(base + "/allowFrom",
                         "must be a list of sender ids, got " + list.dump().substr(0, 40));
    }
    for (const nlohmann::json& entry : list) {
      if (entry.is_number_integer()) {
        policy.allowFrom.push_back(entry.dump());
      } else if (entry.is_string() && !entry.get_ref<const std::string&>().empty()) {
        policy.allowFrom.push_back(entry.get<std::string>());
      } else {
        throw view.errorAt(base + "/allowFrom",
                           "must be a list of sender ids (non-empty strings or integers), got " +
                               entry.dump().substr(0, 40) + " in it");
      }
    }
  }
  // Upstream's rule: a public DM policy must say so with the wildcard.
  if (policy.dmPolicy == "open" && !wildcard(policy.allowFrom)) {
    throw view.errorAt(base + "/allowFrom", "must include \"*\" when dmPolicy is \"open\"");
  }

  if (block.is_object() && block.contains("groups") && !block["groups"].is_null()) {
    const nlohmann::json& groups = block["groups"];
    if (!groups.is_object()) {
      throw view.errorAt(base + "/groups",
                         "must be an object keyed by chat id, got " + groups.dump().substr(0, 40));
    }
    for (const auto& [chatId, settings] : groups.items()) {
      const std::string pointer = base + "/groups/" + chatId;
      if (!settings.is_object()) {
        throw view.errorAt(pointer, "must be an object, got " + settings.dump().substr(0, 40));
      }
      GroupRule rule;
      if (auto mention = settings.find("requireMention");
          mention != settings.end() && !mention->is_null()) {
        if (!mention->is_boolean()) {
          throw view.errorAt(pointer + "/requireMention",
                             "must be true or false, got " + mention->dump().substr(0, 40));
        }
        rule.requireMention = mention->get<bool>();
      }
      policy.groups.emplace(chatId, rule);
    }
  }
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
  // "pairing" (fromConfig admits no other names).
  if (approved || listed(policy.allowFrom, message)) return AccessDecision::Allow;
  return AccessDecision::Pair;
}

AccessDecision decideGroup(const AccessPolicy& policy, const InboundMessage& message) {
  if (policy.groupPolicy == "disabled") return AccessDecision::Drop;
  const GroupRule* group = nullptr;
  if (auto found = policy.groups.find(message.chatId); found != policy.groups.end()) {
    group = &found->second;
  } else if (auto any = policy.groups.find("*"); any != policy.groups.end()) {
    group = &any->second;
  }
  if (!group && policy.groupPolicy != "open") return AccessDecision::Drop;
  const bool requireMention =
      group && group->requireMention ? *group->requireMention : policy.requireMention;
  if (requireMention && !message.mentioned) return AccessDecision::Drop;
  return AccessDecision::Allow;
}

}  // namespace openclaw::channels
