#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "channels/channel.h"

namespace openclaw::channels {

// Who may reach the agent through a channel, read from its `channels.<id>` block:
// dmPolicy ("pairing" default | "allowlist" | "open" | "disabled"), allowFrom (sender ids; "*"
// admits everyone under "open"), groupPolicy ("allowlist" default | "open" | "disabled"),
// groups (an object keyed by chat id or "*", each optionally {requireMention}) and
// requireMention (default true).
struct AccessPolicy {
  std::string dmPolicy = "pairing";
  std::vector<std::string> allowFrom;
  std::string groupPolicy = "allowlist";
  nlohmann::json groups = nlohmann::json::object();
  bool requireMention = true;

  static AccessPolicy fromConfig(const nlohmann::json& config);
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
