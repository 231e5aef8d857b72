#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "channels/channel.h"

namespace openclaw::channels::signal {

// The bot's own Signal identity: its number (channels.signal.account) and, when known, its
// account UUID (accountUuid). Messages from it are ignored; mentions of it address the bot.
struct SignalIdentity {
  std::string number;  // E.164
  std::string uuid;
};

// An attachment signal-cli announced with a message; the bytes are fetched separately
// (getAttachment).
struct SignalAttachment {
  std::string id;
  std::string contentType;
  std::string fileName;
  std::uint64_t size = 0;
};

// A received Signal message in channel-neutral form, plus what the channel still has to fetch.
struct SignalInbound {
  InboundMessage message;
  std::vector<SignalAttachment> attachments;
};

// The prefix of a UUID sender id: senders without a phone number are "uuid:<id>".
inline constexpr const char* kUuidPrefix = "uuid:";

// The message of one signal-cli receive event (the SSE `data` of /api/v1/events, or a JSON-RPC
// `receive` notification's params), or nullopt for anything that is not a message to the bot:
// sync, receipt, typing, call and story envelopes, reactions, group updates without text, the
// bot's own messages, envelopes for another account, and malformed ones. The sender id is the
// sender's E.164 number when the envelope carries one (sourceNumber), else "uuid:<sourceUuid>";
// the other forms are senderAliases. chatId is the sender id for direct messages and the group
// id for groups; messageId is the envelope timestamp (direct) or "<timestamp>:<sender id>"
// (groups), so a repeated envelope (same timestamp and source) has the same dedupe key.
std::optional<SignalInbound> inboundFromEvent(const nlohmann::json& event,
                                              const SignalIdentity& self,
                                              const std::string& accountId);

// The JSON-RPC params naming where a `send`/`sendTyping` to `target` goes: an E.164 number
// ("+15551234567") or a UUID ("uuid:<id>" or bare) -> {"recipient": [..]}, "username:<name>" ->
// {"username": [..]}, anything else a group id (raw as inbound chat ids carry it, or
// "group:<id>") -> {"groupId": id}. A "signal:" prefix is ignored. nullopt for an empty target.
std::optional<nlohmann::json> targetParams(const std::string& target);

}  // namespace openclaw::channels::signal
