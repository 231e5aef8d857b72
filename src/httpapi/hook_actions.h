#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace openclaw::httpapi {

// Where a hook's session key came from: upstream lets a request or a payload-derived (templated)
// key through only with hooks.allowRequestSessionKey; a mapping's fixed key needs no opt-in.
enum class HookKeySource { Request, MappingStatic, MappingTemplated };

// POST <hooks.path>/wake, or a mapping with action "wake": a system event for the agent's main
// session (or sessionKey), and with `now` a run on it.
struct HookWake {
  std::string text;
  bool now = true;  // mode "now" (else "next-heartbeat")
  std::string agentId;
  std::string sessionKey;
};

// POST <hooks.path>/agent, or a mapping with action "agent": one agent turn in a hook session.
struct HookAgent {
  std::string message;
  std::string name = "Hook";
  std::string agentId;
  bool wakeNow = true;  // wakeMode "now" (else "next-heartbeat")
  std::string sessionKey;
  bool persistent = false;  // sessionMode "persistent" (else "isolated")
  bool deliver = true;
  std::string channel = "last";
  std::string to;
  std::string accountId;
  std::string model;
  std::string thinking;
  std::optional<std::int64_t> timeoutSeconds;
};

using HookAction = std::variant<HookWake, HookAgent>;

// Why a hook request is refused: the `error` upstream answers 400 with.
struct HookError {
  std::string message;
};

// A payload check's answer: the value, or why it is refused.
template <typename T>
using HookChecked = std::variant<T, HookError>;

// Upstream's validation of a /wake body: text required; mode "next-heartbeat" or else "now";
// agentId and sessionKey, when present, non-empty strings; sessionKey only with mode "now".
HookChecked<HookWake> wakeFromPayload(const nlohmann::json& payload);

// Upstream's validation of an /agent body (message required; sessionMode isolated|persistent;
// delivery: deliver false opts out, else channel "last" or one of `channelIds` paired with a
// non-empty `to`; model non-empty when present; timeoutSeconds a positive number, floored,
// else ignored).
HookChecked<HookAgent> agentFromPayload(const nlohmann::json& payload,
                                        const std::vector<std::string>& channelIds);

// "channel must be last|<id>|...".
std::string hookChannelError(const std::vector<std::string>& channelIds);

}  // namespace openclaw::httpapi
