#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/channel.h"

namespace openclaw::channels::slack {

// Slack processes at most this many files of one message (as upstream).
inline constexpr std::size_t kMaxFilesPerMessage = 8;

// A file attached to a message, to be downloaded with the bot token.
struct SlackFile {
  std::string id;
  std::string name;
  std::string mimetype;
  std::string url;  // url_private_download, else url_private
  std::uint64_t size = 0;
};

// A user message the agent may answer, with the files still to download.
struct SlackMessage {
  InboundMessage inbound;
  std::vector<SlackFile> files;
};

// The `event` of an Events API callback (`message` or `app_mention`) as a message for the
// router, or nullopt for everything else: other event types, bot messages (bot_id or the bot's
// own user id), subtypes that are not a user's message (edits, deletions, joins; file_share
// and thread_broadcast are kept), and messages without user, channel or ts. DMs (channel_type
// "im") are direct; channels and private channels are groupKind "channel", group DMs ("mpim")
// groupKind "group". The dedupe key is channel + ts, which a `message` and an `app_mention` of
// the same message share. The bot's "<@BOTID>" is taken out of the text and sets `mentioned`.
std::optional<SlackMessage> messageFromEvent(const nlohmann::json& event,
                                             const std::string& botUserId,
                                             const std::string& accountId);

// The `event` of an Events API body whose type is "event_callback", else null.
const nlohmann::json* callbackEvent(const nlohmann::json& body);

// One Socket Mode frame.
struct SocketEnvelope {
  std::string type;        // "hello", "events_api", "disconnect", "slash_commands", ...
  std::string envelopeId;  // "" for hello and disconnect
  nlohmann::json payload;  // events_api: the Events API body
  std::string reason;      // disconnect: "refresh_requested", "warning", "link_disabled"
};

// Parses a Socket Mode frame (bounded depth); nullopt when it is not a JSON object with a type.
std::optional<SocketEnvelope> parseEnvelope(std::string_view text);

// The acknowledgement of an envelope: {"envelope_id": "..."}.
std::string envelopeAck(const std::string& envelopeId);

// A Slack ts ("1700000000.000100") as milliseconds; 0 when it is not one.
std::int64_t tsMillis(const std::string& ts);

}  // namespace openclaw::channels::slack
