#include "channels/telegram/telegram_updates.h"

#include <algorithm>
#include <cctype>

namespace openclaw::channels::telegram {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string idText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

bool addressesBot(const nlohmann::json& message, const std::string& text, const BotIdentity& bot) {
  if (!bot.username.empty() && lower(text).find("@" + lower(bot.username)) != std::string::npos) {
    return true;
  }
  for (const auto& entity : message.value("entities", nlohmann::json::array())) {
    if (entity.value("type", "") == "text_mention" && entity.contains("user") &&
        entity["user"].value("id", std::int64_t{0}) == bot.id) {
      return true;
    }
  }
  const auto reply = message.find("reply_to_message");
  return reply != message.end() && reply->contains("from") &&
         (*reply)["from"].value("id", std::int64_t{0}) == bot.id;
}

// The kinds of file a message may carry, with the type to assume when mime_type is absent.
struct FileKind {
  const char* key;
  const char* defaultType;
  const char* extension;
};
constexpr FileKind kFileKinds[] = {{"document", "application/octet-stream", ".bin"},
                                   {"voice", "audio/ogg", ".ogg"},
                                   {"audio", "audio/mpeg", ".mp3"},
                                   {"video", "video/mp4", ".mp4"}};

const nlohmann::json* messageOf(const nlohmann::json& update) {
  const auto found = update.find("message");
  if (found == update.end() || !found->is_object()) return nullptr;
  return &*found;
}

std::uint64_t sizeOf(const nlohmann::json& file) {
  const auto size = file.find("file_size");
  if (size == file.end() || !size->is_number_integer()) return 0;
  return size->is_number_unsigned()
             ? size->get<std::uint64_t>()
             : static_cast<std::uint64_t>(std::max<std::int64_t>(size->get<std::int64_t>(), 0));
}

std::string stringField(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

std::vector<TelegramAttachment> attachmentsOf(const nlohmann::json& update) {
  std::vector<TelegramAttachment> attachments;
  const nlohmann::json* message = messageOf(update);
  if (!message) return attachments;
  const std::string messageId =
      message->contains("message_id") ? idText(message->at("message_id")) : std::string("0");
  // Photos come in several sizes, smallest first.
  if (auto photo = message->find("photo"); photo != message->end() && photo->is_array() &&
                                           !photo->empty() && photo->back().is_object()) {
    const nlohmann::json& largest = photo->back();
    if (const std::string id = stringField(largest, "file_id"); !id.empty()) {
      attachments.push_back({id, "photo-" + messageId + ".jpg", "image/jpeg", sizeOf(largest)});
    }
  }
  for (const FileKind& kind : kFileKinds) {
    const auto file = message->find(kind.key);
    if (file == message->end() || !file->is_object()) continue;
    const std::string id = stringField(*file, "file_id");
    if (id.empty()) continue;
    std::string name = stringField(*file, "file_name");
    if (name.empty()) name = std::string(kind.key) + "-" + messageId + kind.extension;
    std::string type = stringField(*file, "mime_type");
    if (type.empty()) type = kind.defaultType;
    attachments.push_back({id, name, type, sizeOf(*file)});
  }
  return attachments;
}

std::optional<InboundMessage> inboundFromUpdate(const nlohmann::json& update,
                                                const BotIdentity& bot) {
  const nlohmann::json* found = messageOf(update);
  if (!found) return std::nullopt;
  const nlohmann::json& message = *found;
  const bool hasText = message.contains("text");
  if ((!hasText && attachmentsOf(update).empty()) || !message.contains("chat") ||
      !message.contains("from")) {
    return std::nullopt;
  }
  InboundMessage inbound;
  inbound.channel = "telegram";
  inbound.accountId = "default";
  inbound.messageId = idText(message.at("message_id"));
  inbound.chatId = idText(message.at("chat").at("id"));
  if (message.value("is_topic_message", false) && message.contains("message_thread_id")) {
    inbound.threadId = idText(message.at("message_thread_id"));
  }
  const nlohmann::json& from = message.at("from");
  inbound.senderId = idText(from.at("id"));
  inbound.senderLabel = from.contains("username") ? "@" + from.value("username", "")
                                                  : from.value("first_name", inbound.senderId);
  const std::string type = message.at("chat").value("type", "private");
  inbound.isGroup = type != "private";
  inbound.text = hasText ? message.at("text").get<std::string>() : stringField(message, "caption");
  inbound.mentioned = addressesBot(message, inbound.text, bot);
  if (message.contains("date")) inbound.receivedAtMs = message["date"].get<std::int64_t>() * 1000;
  return inbound;
}

}  // namespace openclaw::channels::telegram
