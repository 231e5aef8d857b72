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

}  // namespace

std::optional<InboundMessage> inboundFromUpdate(const nlohmann::json& update,
                                                const BotIdentity& bot) {
  const auto found = update.find("message");
  if (found == update.end() || !found->is_object()) return std::nullopt;
  const nlohmann::json& message = *found;
  if (!message.contains("text") || !message.contains("chat") || !message.contains("from")) {
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
  inbound.text = message.at("text").get<std::string>();
  inbound.mentioned = addressesBot(message, inbound.text, bot);
  if (message.contains("date")) inbound.receivedAtMs = message["date"].get<std::int64_t>() * 1000;
  return inbound;
}

}  // namespace openclaw::channels::telegram
