#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace openclaw::channels::discord {

// Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
namespace op {
inline constexpr int kDispatch = 0;
inline constexpr int kHeartbeat = 1;
inline constexpr int kIdentify = 2;
inline constexpr int kResume = 6;
inline constexpr int kReconnect = 7;
inline constexpr int kInvalidSession = 9;
inline constexpr int kHello = 10;
inline constexpr int kHeartbeatAck = 11;
}  // namespace op

// GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT (privileged: enabled in the
// developer portal).
inline constexpr std::int64_t kIntents = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);

// One Gateway message: {op, d, s, t}.
struct GatewayPayload {
  int op = -1;
  nlohmann::json d;               // null when absent
  std::optional<std::int64_t> s;  // the sequence number of a dispatch
  std::string t;                  // the dispatch's event name, e.g. "MESSAGE_CREATE"
};

// Parses one Gateway text message; nullopt when it is not JSON, nests deeper than the bounded
// JSON limit, or has no integer `op`. Never throws.
std::optional<GatewayPayload> parseGatewayPayload(std::string_view text);

// The messages the client sends.
std::string heartbeatPayload(std::optional<std::int64_t> lastSeq);
std::string identifyPayload(const std::string& token);
std::string resumePayload(const std::string& token, const std::string& sessionId, std::int64_t seq);

// What a Gateway close code means for the client.
enum class CloseAction {
  Resume,      // reconnect and resume the session
  Reidentify,  // reconnect with a new session (4007 invalid seq, 4009 session timed out)
  Fatal,       // stop: 4004 authentication failed, 4010-4014 (shard, version, intents)
};
CloseAction closeAction(std::uint16_t code);
// A sentence for lastError, e.g. "authentication failed (4004): check the bot token".
std::string closeReason(std::uint16_t code, const std::string& peerReason);

}  // namespace openclaw::channels::discord
