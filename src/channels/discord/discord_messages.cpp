#include "channels/discord/discord_messages.h"

#include <algorithm>
#include <charconv>

#include "core/json_fields.h"

namespace openclaw::channels::discord {
namespace {

// Discord's epoch (2015-01-01) in Unix milliseconds; a snowflake's top 42 bits count from it.
constexpr std::int64_t kDiscordEpochMs = 1'420'070'400'000;
constexpr int kDefaultMessage = 0;
constexpr int kReplyMessage = 19;

std::string snowflakeField(const nlohmann::json& object, const char* key) {
  std::string value = core::stringField(object, key).value_or("");
  return isSnowflake(value) ? value : "";
}

bool isThreadType(const nlohmann::json& channel) {
  const auto type = channel.find("type");
  if (type == channel.end() || !type->is_number_integer()) return false;
  const auto value = type->get<std::int64_t>();
  return value == 10 || value == 11 || value == 12;  // announcement, public, private thread
}

bool mentionsBot(const nlohmann::json& d, const BotIdentity& bot) {
  if (bot.id.empty()) return false;
  if (auto mentions = d.find("mentions"); mentions != d.end() && mentions->is_array()) {
    for (const auto& user : *mentions) {
      if (user.is_object() && core::stringField(user, "id") == bot.id) return true;
    }
  }
  const auto replied = d.find("referenced_message");
  if (replied == d.end() || !replied->is_object()) return false;
  const auto author = replied->find("author");
  return author != replied->end() && author->is_object() &&
         core::stringField(*author, "id") == bot.id;
}

std::vector<AttachmentRef> attachmentsOf(const nlohmann::json& d) {
  std::vector<AttachmentRef> found;
  const auto list = d.find("attachments");
  if (list == d.end() || !list->is_array()) return found;
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    AttachmentRef ref;
    ref.url = core::stringField(item, "url").value_or("");
    if (ref.url.rfind("https://", 0) != 0 && ref.url.rfind("http://", 0) != 0) continue;
    ref.fileName = core::stringField(item, "filename").value_or("attachment");
    if (ref.fileName.empty()) ref.fileName = "attachment";
    ref.contentType = core::stringField(item, "content_type").value_or("application/octet-stream");
    if (auto size = item.find("size");
        size != item.end() && size->is_number_integer() && size->get<std::int64_t>() >= 0) {
      ref.sizeBytes = static_cast<std::uint64_t>(size->get<std::int64_t>());
    }
    found.push_back(std::move(ref));
  }
  return found;
}

}  // namespace

bool isSnowflake(const std::string& text) {
  return !text.empty() && text.size() <= 20 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void ThreadDirectory::remember(const nlohmann::json& channel) {
  if (!channel.is_object() || !isThreadType(channel)) return;
  const std::string id = snowflakeField(channel, "id");
  const std::string parent = snowflakeField(channel, "parent_id");
  if (id.empty() || parent.empty()) return;
  if (parents_.emplace(id, parent).second) {
    order_.push_back(id);
  } else {
    parents_[id] = parent;
  }
  while (parents_.size() > kMaxThreads) {
    parents_.erase(order_.front());
    order_.pop_front();
  }
}

void ThreadDirectory::forget(const std::string& threadId) {
  if (parents_.erase(threadId) == 0) return;
  order_.erase(std::find(order_.begin(), order_.end(), threadId));
}

void ThreadDirectory::rememberAll(const nlohmann::json& dispatch) {
  if (!dispatch.is_object()) return;
  const auto threads = dispatch.find("threads");
  if (threads == dispatch.end() || !threads->is_array()) return;
  for (const auto& thread : *threads) remember(thread);
}

std::optional<std::string> ThreadDirectory::parentOf(const std::string& channelId) const {
  const auto found = parents_.find(channelId);
  if (found == parents_.end()) return std::nullopt;
  return found->second;
}

std::optional<ParsedMessage> parseMessageCreate(const nlohmann::json& d, const BotIdentity& bot,
                                                const ThreadDirectory& threads, bool allowBots,
                                                const std::string& accountId) {
  if (!d.is_object()) return std::nullopt;
  const auto type = d.find("type");
  if (type != d.end() && type->is_number_integer()) {
    const auto value = type->get<std::int64_t>();
    if (value != kDefaultMessage && value != kReplyMessage) return std::nullopt;
  }
  const auto author = d.find("author");
  if (author == d.end() || !author->is_object()) return std::nullopt;
  const std::string senderId = snowflakeField(*author, "id");
  if (senderId.empty() || senderId == bot.id) return std::nullopt;
  if (!allowBots && core::boolField(*author, "bot") == true) return std::nullopt;

  ParsedMessage parsed;
  InboundMessage& inbound = parsed.inbound;
  inbound.channel = "discord";
  inbound.accountId = accountId;
  inbound.messageId = snowflakeField(d, "id");
  const std::string channelId = snowflakeField(d, "channel_id");
  if (inbound.messageId.empty() || channelId.empty()) return std::nullopt;
  inbound.text = core::stringField(d, "content").value_or("");
  parsed.attachments = attachmentsOf(d);
  if (inbound.text.empty() && parsed.attachments.empty()) return std::nullopt;

  inbound.senderId = senderId;
  const std::string globalName = core::stringField(*author, "global_name").value_or("");
  inbound.senderLabel =
      globalName.empty() ? core::stringField(*author, "username").value_or(senderId) : globalName;
  inbound.isGroup = d.contains("guild_id") && !d["guild_id"].is_null();
  if (inbound.isGroup) {
    inbound.groupKind = "channel";
    if (auto parent = threads.parentOf(channelId)) {
      inbound.chatId = *parent;
      inbound.threadId = channelId;
    } else {
      inbound.chatId = channelId;
    }
  } else {
    inbound.chatId = channelId;  // the DM channel: replies go there
  }
  inbound.mentioned = mentionsBot(d, bot);
  std::uint64_t snowflake = 0;
  std::from_chars(inbound.messageId.data(), inbound.messageId.data() + inbound.messageId.size(),
                  snowflake);  // an overflowing id leaves 0: the time is informational
  inbound.receivedAtMs = static_cast<std::int64_t>(snowflake >> 22) + kDiscordEpochMs;
  return parsed;
}

}  // namespace openclaw::channels::discord
