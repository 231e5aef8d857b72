#include "channels/telegram/telegram_media.h"

#include <algorithm>
#include <chrono>

#include "channels/media_types.h"
#include "channels/telegram/telegram_config.h"
#include "channels/text_chunks.h"
#include "core/json_fields.h"
#include "core/logging.h"

namespace openclaw::channels::telegram {
namespace {

using namespace std::chrono_literals;

constexpr auto kFileWait = 60s;  // idle limit of getFile and a download
constexpr std::uint64_t kMaxDownload = std::min(kMaxBotDownloadBytes, kMaxInboundMediaBytes);

std::string sizeText(std::uint64_t bytes) { return std::to_string(bytes) + " bytes"; }

// The download of attachments[index] and those after it.
struct Fetch {
  std::shared_ptr<BotApi> api;
  ChannelHost& host;
  std::string accountId;
  std::vector<TelegramAttachment> attachments;
  std::function<void(FetchedAttachments)> done;
  FetchedAttachments result;
  std::size_t index = 0;
};

void fetchNext(const std::shared_ptr<Fetch>& fetch);

void skip(const std::shared_ptr<Fetch>& fetch, const std::string& reason) {
  const TelegramAttachment& attachment = fetch->attachments[fetch->index];
  core::logger("telegram")->warn("attachment {} not saved: {}", attachment.fileName, reason);
  fetch->result.notes.push_back("[attachment " + attachment.fileName + " (" +
                                attachment.contentType + ") not saved: " + reason + "]");
  ++fetch->index;
  fetchNext(fetch);
}

void save(const std::shared_ptr<Fetch>& fetch, std::string bytes) {
  const TelegramAttachment& attachment = fetch->attachments[fetch->index];
  MediaFile file;
  file.fileName = attachment.fileName;
  file.contentType = mediaContentType(attachment.contentType, attachment.fileName, bytes);
  file.bytes = std::move(bytes);
  fetch->host.saveMedia(fetch->accountId, std::move(file),
                        [fetch](std::optional<InboundMedia> saved) {
                          if (!saved) return skip(fetch, "could not be saved");
                          fetch->result.saved.push_back(std::move(*saved));
                          ++fetch->index;
                          fetchNext(fetch);
                        });
}

void fetchNext(const std::shared_ptr<Fetch>& fetch) {
  if (fetch->index == fetch->attachments.size()) {
    fetch->done(std::move(fetch->result));
    return;
  }
  const TelegramAttachment& attachment = fetch->attachments[fetch->index];
  if (attachment.sizeBytes > kMaxDownload) {
    return skip(fetch,
                sizeText(attachment.sizeBytes) + " is over the limit of " + sizeText(kMaxDownload));
  }
  fetch->api->call(
      "getFile", {{"file_id", attachment.fileId}}, kFileWait, [fetch](ApiResult result) {
        const std::string path =
            result.ok ? core::stringField(result.result, "file_path").value_or("") : "";
        if (path.empty()) {
          return skip(fetch,
                      "getFile failed: " + (result.description.empty() ? std::string("no file_path")
                                                                       : result.description));
        }
        fetch->api->download(path, kMaxDownload, kFileWait, [fetch](BotApi::Download download) {
          if (!download.bytes) {
            return skip(fetch, "download failed: " + download.error);
          }
          save(fetch, std::move(*download.bytes));
        });
      });
}

}  // namespace

nlohmann::json numericId(const std::string& text) {
  const bool digits = !text.empty() && text.find_first_not_of("-0123456789") == std::string::npos;
  try {
    return digits ? nlohmann::json(std::stoll(text)) : nlohmann::json(text);
  } catch (const std::exception&) {
    return text;  // out of range or a lone "-": let Telegram refuse it
  }
}

void fetchAttachments(std::shared_ptr<BotApi> api, ChannelHost& host, std::string accountId,
                      std::vector<TelegramAttachment> attachments,
                      std::function<void(FetchedAttachments)> done) {
  fetchNext(std::make_shared<Fetch>(Fetch{
      std::move(api), host, std::move(accountId), std::move(attachments), std::move(done), {}, 0}));
}

std::vector<OutgoingPart> outgoingParts(const OutboundMessage& message) {
  std::vector<std::string> chunks = chunkText(message.text, kMaxMessageLength);
  std::vector<OutgoingPart> parts;
  const bool caption = !message.media.empty() && !chunks.empty() &&
                       codePointCount(chunks.front()) <= kMaxCaptionLength;
  if (caption) {
    for (std::size_t i = 0; i < message.media.size(); ++i) {
      parts.push_back({i == 0 ? chunks.front() : "", &message.media[i]});
    }
    chunks.erase(chunks.begin());
  }
  for (std::string& chunk : chunks) parts.push_back({std::move(chunk), nullptr});
  if (!caption) {
    for (const MediaFile& file : message.media) parts.push_back({"", &file});
  }
  return parts;
}

std::shared_ptr<net::HttpExchange> sendPart(BotApi& api, const OutboundMessage& message,
                                            const OutgoingPart& part, bool first,
                                            std::chrono::milliseconds wait,
                                            std::function<void(ApiResult)> done) {
  nlohmann::json reply;
  if (first && !message.replyToId.empty()) {
    reply = {{"message_id", numericId(message.replyToId)}, {"allow_sending_without_reply", true}};
  }
  if (!part.file) {
    nlohmann::json params = {{"chat_id", numericId(message.to)}, {"text", part.text}};
    if (!reply.is_null()) params["reply_parameters"] = reply;
    if (!message.threadId.empty()) params["message_thread_id"] = numericId(message.threadId);
    return api.call("sendMessage", params, wait, std::move(done));
  }
  const MediaFile& file = *part.file;
  const bool photo = isPhotoType(file.contentType) && file.bytes.size() <= kMaxPhotoUploadBytes;
  net::MultipartForm form;
  form.field("chat_id", message.to);
  if (!part.text.empty()) form.field("caption", part.text);
  if (!reply.is_null()) form.field("reply_parameters", reply.dump());
  if (!message.threadId.empty()) form.field("message_thread_id", message.threadId);
  form.file(photo ? "photo" : "document", file.fileName, file.contentType, file.bytes);
  return api.upload(photo ? "sendPhoto" : "sendDocument", form, wait, std::move(done));
}

}  // namespace openclaw::channels::telegram
