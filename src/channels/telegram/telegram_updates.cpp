#include "channels/telegram/telegram_updates.h"

#include <algorithm>
#include <cctype>

#include "core/json_fields.h"

namespace openclaw::channels::telegram {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Telegram's ids are integers; a string is taken as it is, anything else is no id.
std::string idText(const nlohmann::json& object, const char* key) {
  if (auto text = core::stringField(object, key)) return *text;
  if (auto number = core::integerField(object, key)) return std::to_string(*number);
  return "";
}

// object[key], or null when `object` is not an object or has no such key.
const nlohmann::json& fieldOf(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  const auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

bool addressesBot(const nlohmann::json& message, const std::string& text, const BotIdentity& bot) {
  if (!bot.username.empty() && lower(text).find("@" + lower(bot.username)) != std::string::npos) {
    return true;
  }
  if (auto entities = message.find("entities"); entities != message.end() && entities->is_array()) {
    for (const auto& entity : *entities) {
      if (core::stringField(entity, "type") == "text_mention" &&
          core::integerField(fieldOf(entity, "user"), "id") == bot.id) {
        return true;
      }
    }
  }
  return core::integerField(fieldOf(fieldOf(message, "reply_to_message"), "from"), "id") == bot.id;
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
  std::string messageId = idText(*message, "message_id");
  if (messageId.empty()) messageId = "0";
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
  const std::optional<std::string> text = core::stringField(message, "text");
  if (!text && attachmentsOf(update).empty()) return std::nullopt;
  const nlohmann::json& chat = fieldOf(message, "chat");
  const nlohmann::json& from = fieldOf(message, "from");
  InboundMessage inbound;
  inbound.channel = "telegram";
  inbound.accountId = "default";
  inbound.messageId = idText(message, "message_id");
  inbound.chatId = idText(chat, "id");
  inbound.senderId = idText(from, "id");
  if (inbound.messageId.empty() || inbound.chatId.empty() || inbound.senderId.empty()) {
    return std::nullopt;
  }
  if (core::boolField(message, "is_topic_message") == true) {
    inbound.threadId = idText(message, "message_thread_id");
  }
  if (auto username = core::stringField(from, "username")) {
    inbound.senderLabel = "@" + *username;
  } else {
    inbound.senderLabel = core::stringField(from, "first_name").value_or(inbound.senderId);
  }
  inbound.isGroup = core::stringField(chat, "type").value_or("private") != "private";
  inbound.text = text ? *text : stringField(message, "caption");
  inbound.mentioned = addressesBot(message, inbound.text, bot);
  if (auto date = core::integerField(message, "date");
      date && *date >= 0 && *date < (INT64_MAX / 1000)) {
    inbound.receivedAtMs = *date * 1000;
  }
  return inbound;
}

}  // namespace openclaw::channels::telegram
