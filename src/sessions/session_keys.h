#pragma once

#include <optional>
#include <string>

namespace openclaw::sessions {

// Session keys as upstream spells them: every key starts with "agent:<agentId>:", the agent's
// main conversation is "agent:<agentId>:main", and direct conversations from channels get
// per-sender keys according to session.dmScope. Keys are case-insensitive (kept lowercase).

inline constexpr const char* kDefaultAgentId = "main";

// "agent:<agentId>:main" for a normalized agent id.
std::string mainSessionKey(const std::string& agentId);

// Lowercase; characters outside [a-z0-9_-] become '-'; empty or all-invalid becomes "main".
std::string normalizeAgentId(const std::string& agentId);

// A caller-supplied key in canonical form: trimmed and lowercased; "main" (or empty) is the
// agent's main session; a key without the "agent:" prefix is scoped to `agentId`
// ("work" -> "agent:main:work"). nullopt for a malformed "agent:" key (no agent id or no rest).
std::optional<std::string> canonicalSessionKey(const std::string& key, const std::string& agentId);

// The agent id an "agent:<agentId>:…" key belongs to.
std::optional<std::string> agentIdOfSessionKey(const std::string& key);

// session.dmScope values.
enum class DmScope { Main, PerPeer, PerChannelPeer, PerAccountChannelPeer };

// "main", "per-peer", "per-channel-peer", "per-account-channel-peer"; anything else is Main.
DmScope dmScopeNamed(const std::string& name);

// Where a direct (one-to-one) message came from.
struct DirectPeer {
  std::string channel;    // e.g. "whatsapp"; "" when unknown
  std::string accountId;  // the receiving account; "" for the default account
  std::string peerId;     // the sender, e.g. an E.164 number
};

// The session a direct message from `peer` belongs to: the agent's main session under
// DmScope::Main, else "agent:<id>:direct:<peer>", "agent:<id>:<channel>:direct:<peer>" or
// "agent:<id>:<channel>:<account>:direct:<peer>".
std::string directSessionKey(const std::string& agentId, DmScope scope, const DirectPeer& peer);

}  // namespace openclaw::sessions
