#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "channels/channel.h"

namespace openclaw::channels::telegram {

// Who the bot is (from getMe), for recognising mentions and replies to it.
struct BotIdentity {
  std::int64_t id = 0;
  std::string username;
};

// The channel-neutral message of a Bot API Update, or nullopt for updates that carry neither
// text nor a file (edits, joins, stickers, ...). A file's caption is the text; its attachments
// are listed by attachmentsOf and still to be downloaded.
std::optional<InboundMessage> inboundFromUpdate(const nlohmann::json& update,
                                                const BotIdentity& bot);

// A file a message carries, as the Bot API describes it (getFile gives its download path).
struct TelegramAttachment {
  std::string fileId;
  std::string fileName;         // the document's name, else "<kind>-<message id>.<ext>"
  std::string contentType;      // mime_type, else by kind ("image/jpeg" for photos)
  std::uint64_t sizeBytes = 0;  // file_size; 0 when Telegram did not say
};

// The photo (its largest size), document, voice, audio or video of the Update's message.
std::vector<TelegramAttachment> attachmentsOf(const nlohmann::json& update);

}  // namespace openclaw::channels::telegram
