#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "channels/channel.h"
#include "channels/telegram/telegram_api.h"
#include "channels/telegram/telegram_updates.h"

namespace openclaw::channels::telegram {

// Telegram's limit for a photo or document's caption, in characters.
inline constexpr std::size_t kMaxCaptionLength = 1024;
// Bot API limits: files a bot may download (getFile) and photos it may upload (sendPhoto);
// larger images go as documents.
inline constexpr std::uint64_t kMaxBotDownloadBytes = 20ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxPhotoUploadBytes = 10ull * 1024 * 1024;

// The files of one received message, downloaded and saved.
struct FetchedAttachments {
  std::vector<InboundMedia> saved;
  // One line per file that was not saved (too large, download failed), for the turn's text.
  std::vector<std::string> notes;
};

// Downloads `attachments` one after the other (getFile, then the file; at most
// kMaxBotDownloadBytes and kMaxInboundMediaBytes each) and saves each with host.saveMedia under
// `accountId`. `api` is kept alive until `done`, which runs on the event loop.
void fetchAttachments(std::shared_ptr<BotApi> api, ChannelHost& host, std::string accountId,
                      std::vector<TelegramAttachment> attachments,
                      std::function<void(FetchedAttachments)> done);

// One Bot API call of an outgoing message: a text chunk (sendMessage) or a file with an
// optional caption (sendPhoto for JPEG/PNG/WebP up to kMaxPhotoUploadBytes, else sendDocument).
struct OutgoingPart {
  std::string text;  // the chunk, or the file's caption
  const MediaFile* file = nullptr;
};

// The parts of `message` in order: when its first text chunk fits in a caption, the files come
// first with that chunk as the first file's caption, then the other chunks; else all chunks,
// then the files without captions.
std::vector<OutgoingPart> outgoingParts(const OutboundMessage& message);

// Sends one part to message.to (replying to message.replyToId when `first`, in
// message.threadId).
std::shared_ptr<net::HttpExchange> sendPart(BotApi& api, const OutboundMessage& message,
                                            const OutgoingPart& part, bool first,
                                            std::chrono::milliseconds wait,
                                            std::function<void(ApiResult)> done);

// A Telegram id as the Bot API expects it: a number when the text is one.
nlohmann::json numericId(const std::string& text);

}  // namespace openclaw::channels::telegram
