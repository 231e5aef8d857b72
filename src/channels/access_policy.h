#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "channels/channel.h"

namespace openclaw::channels {

// Per-group settings from `groups.<chatId>` (or `groups["*"]`).
struct GroupRule {
  std::optional<bool> requireMention;  // unset: the channel's requireMention
};

// Who may reach the agent through a channel, read from its `channels.<id>` block:
// dmPolicy ("pairing" default | "allowlist" | "open" | "disabled"), allowFrom (sender ids,
// strings or integers; "*" admits everyone under "open", which requires it), groupPolicy
// ("allowlist" default | "open" | "disabled"), groups (an object keyed by chat id or "*", each
// an object optionally {requireMention}) and requireMention (default true).
struct AccessPolicy {
  std::string dmPolicy = "pairing";
  std::vector<std::string> allowFrom;
  std::string groupPolicy = "allowlist";
  std::map<std::string, GroupRule> groups;
  bool requireMention = true;

  // Parses and validates `block` (null counts as empty). Throws config::ConfigError naming the
  // key ("config: channels.telegram.dmPolicy: must be one of ...") for a value of the wrong type,
  // an unknown policy name, or dmPolicy "open" without "*" in allowFrom.
  static AccessPolicy fromConfig(const std::string& channelId, const nlohmann::json& block);
  // The same for one account's merged block (accountBlocks) at `pointer` (accountPointer), so
  // errors name the account's own keys ("config: channels.telegram.accounts.work.dmPolicy: ...").
  static AccessPolicy fromAccount(const std::string& pointer, const nlohmann::json& block);
};

enum class AccessDecision {
  Allow,  // run an agent turn
  Pair,   // an unknown sender under dmPolicy "pairing": answer with a pairing code
  Drop,   // ignore silently
};

// For a direct message; `approved` says whether the DM pairing store approved the sender.
AccessDecision decideDirect(const AccessPolicy& policy, const InboundMessage& message,
                            bool approved);

// For a group message: allowed groups only, and only when mentioned where mentions are required.
AccessDecision decideGroup(const AccessPolicy& policy, const InboundMessage& message);

}  // namespace openclaw::channels
