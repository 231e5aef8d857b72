#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "channels/channel.h"

namespace openclaw::channels::telegram {

// Who the bot is (from getMe), for recognising mentions and replies to it.
struct BotIdentity {
  std::int64_t id = 0;
  std::string username;
};

// The channel-neutral message of a Bot API Update, or nullopt for updates that carry no text
// message (edits, joins, stickers, ...).
std::optional<InboundMessage> inboundFromUpdate(const nlohmann::json& update,
                                                const BotIdentity& bot);

}  // namespace openclaw::channels::telegram
