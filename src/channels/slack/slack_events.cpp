#include "channels/slack/slack_events.h"

#include <charconv>

#include "core/bounded_json.h"
#include "core/json_fields.h"
#include "core/text.h"

namespace openclaw::channels::slack {
namespace {

std::string stringOf(const nlohmann::json& object, const char* key) {
  return core::stringField(object, key).value_or("");
}

// Removes every "<@BOTID>" (also "<@BOTID|name>") from `text`; true when there was one.
bool takeMention(std::string& text, const std::string& botUserId) {
  if (botUserId.empty()) return false;
  bool found = false;
  const std::string open = "<@" + botUserId;
  for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    const std::size_t after = at + open.size();
    if (after < text.size() && (text[after] == '>' || text[after] == '|')) {
      const std::size_t close = text.find('>', after);
      if (close == std::string::npos) break;
      text.erase(at, close + 1 - at);
      found = true;
    } else {
      at = after;
    }
  }
  return found;
}

std::vector<SlackFile> filesOf(const nlohmann::json& event) {
  std::vector<SlackFile> files;
  const auto list = event.find("files");
  if (list == event.end() || !list->is_array()) return files;
  for (const auto& file : *list) {
    if (files.size() == kMaxFilesPerMessage) break;
    if (!file.is_object()) continue;
    SlackFile entry;
    entry.id = stringOf(file, "id");
    entry.name = stringOf(file, "name");
    if (entry.name.empty()) entry.name = entry.id.empty() ? "file" : entry.id;
    entry.mimetype = stringOf(file, "mimetype");
    if (entry.mimetype.empty()) entry.mimetype = "application/octet-stream";
    entry.url = stringOf(file, "url_private_download");
    if (entry.url.empty()) entry.url = stringOf(file, "url_private");
    if (const auto size = file.find("size");
        size != file.end() && size->is_number_integer() && size->get<std::int64_t>() >= 0) {
      entry.size = size->get<std::uint64_t>();
    }
    if (!entry.url.empty()) files.push_back(std::move(entry));
  }
  return files;
}

std::string senderLabel(const nlohmann::json& event, const std::string& user) {
  const auto profile = event.find("user_profile");
  if (profile != event.end() && profile->is_object()) {
    for (const char* key : {"display_name", "real_name", "name"}) {
      if (auto label = core::stringField(*profile, key); label && !label->empty()) return *label;
    }
  }
  return user;
}

}  // namespace

std::optional<SlackMessage> messageFromEvent(const nlohmann::json& event,
                                             const std::string& botUserId,
                                             const std::string& accountId) {
  if (!event.is_object()) return std::nullopt;
  const std::string type = stringOf(event, "type");
  if (type != "message" && type != "app_mention") return std::nullopt;
  const std::string subtype = stringOf(event, "subtype");
  if (!subtype.empty() && subtype != "file_share" && subtype != "thread_broadcast") {
    return std::nullopt;
  }
  if (event.contains("bot_id") && !event["bot_id"].is_null()) return std::nullopt;
  const std::string user = stringOf(event, "user");
  const std::string channel = stringOf(event, "channel");
  const std::string ts = stringOf(event, "ts");
  if (user.empty() || channel.empty() || ts.empty() || user == botUserId) return std::nullopt;

  SlackMessage message;
  InboundMessage& inbound = message.inbound;
  inbound.channel = "slack";
  inbound.accountId = accountId;
  inbound.messageId = ts;
  inbound.chatId = channel;
  inbound.threadId = stringOf(event, "thread_ts");
  inbound.senderId = user;
  inbound.senderLabel = senderLabel(event, user);
  // app_mention carries no channel_type; DMs never produce one.
  std::string channelType = stringOf(event, "channel_type");
  if (channelType.empty()) channelType = channel.starts_with("D") ? "im" : "channel";
  inbound.isGroup = channelType != "im";
  inbound.groupKind = channelType == "mpim" ? "group" : "channel";
  std::string text = stringOf(event, "text");
  inbound.mentioned = takeMention(text, botUserId) || type == "app_mention";
  inbound.text = core::trimmed(text);
  inbound.receivedAtMs = tsMillis(ts);
  message.files = filesOf(event);
  if (inbound.text.empty() && message.files.empty()) return std::nullopt;
  return message;
}

const nlohmann::json* callbackEvent(const nlohmann::json& body) {
  if (!body.is_object() || stringOf(body, "type") != "event_callback") return nullptr;
  const auto event = body.find("event");
  return event != body.end() && event->is_object() ? &*event : nullptr;
}

std::optional<SocketEnvelope> parseEnvelope(std::string_view text) {
  nlohmann::json frame = core::parseJsonOrDiscarded(text);
  if (!frame.is_object()) return std::nullopt;
  SocketEnvelope envelope;
  envelope.type = stringOf(frame, "type");
  if (envelope.type.empty()) return std::nullopt;
  envelope.envelopeId = stringOf(frame, "envelope_id");
  envelope.reason = stringOf(frame, "reason");
  if (auto payload = frame.find("payload"); payload != frame.end()) {
    envelope.payload = std::move(*payload);
  }
  return envelope;
}

std::string envelopeAck(const std::string& envelopeId) {
  return nlohmann::json{{"envelope_id", envelopeId}}.dump();
}

std::int64_t tsMillis(const std::string& ts) {
  std::int64_t seconds = 0;
  const char* end = ts.data() + ts.size();
  const auto [afterSeconds, error] = std::from_chars(ts.data(), end, seconds);
  if (error != std::errc() || seconds < 0 || seconds > 100'000'000'000) return 0;
  std::int64_t millis = 0;
  const char* digit = afterSeconds != end && *afterSeconds == '.' ? afterSeconds + 1 : end;
  for (int place = 0; place < 3; ++place) {
    const bool isDigit = digit != end && *digit >= '0' && *digit <= '9';
    millis = millis * 10 + (isDigit ? *digit - '0' : 0);
    if (isDigit) ++digit;
  }
  return seconds * 1000 + millis;
}

}  // namespace openclaw::channels::slack
