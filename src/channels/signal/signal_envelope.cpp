#include "channels/signal/signal_envelope.h"

#include <algorithm>
#include <cctype>

#include "core/json_fields.h"
#include "core/text.h"

namespace openclaw::channels::signal {
namespace {

using nlohmann::json;

// signal-cli puts U+FFFC OBJECT REPLACEMENT CHARACTER where a mention sits in the text.
constexpr std::string_view kMentionMark = "\xEF\xBF\xBC";

std::string text(const json& object, const char* key) {
  return core::stringField(object, key).value_or("");
}

const json* objectField(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_object() ? &*found : nullptr;
}

bool looksLikeUuid(const std::string& id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : std::isxdigit(static_cast<unsigned char>(id[i])) == 0) return false;
  }
  return true;
}

bool isSelf(const std::string& number, const std::string& uuid, const SignalIdentity& self) {
  return (!number.empty() && number == self.number) ||
         (!uuid.empty() && !self.uuid.empty() &&
          core::asciiLowercase(uuid) == core::asciiLowercase(self.uuid));
}

// A mention's author fields: number and uuid (older signal-cli: "name" holds the number).
bool mentionsSelf(const json& mention, const SignalIdentity& self) {
  if (!mention.is_object()) return false;
  std::string number = text(mention, "number");
  if (number.empty()) number = text(mention, "name");
  return isSelf(number, text(mention, "uuid"), self);
}

// Replaces each mention mark with "@<name>" so the model reads who was addressed.
std::string withMentionNames(std::string body, const json& mentions) {
  std::vector<const json*> ordered;
  for (const json& mention : mentions) {
    if (mention.is_object()) ordered.push_back(&mention);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const json* a, const json* b) {
    const auto start = [](const json* m) {
      const auto found = m->find("start");
      return found != m->end() && found->is_number_integer() ? found->get<std::int64_t>() : 0;
    };
    return start(a) < start(b);
  });
  std::size_t from = 0;
  for (const json* mention : ordered) {
    const auto at = body.find(kMentionMark, from);
    if (at == std::string::npos) break;
    std::string name = text(*mention, "name");
    if (name.empty()) name = text(*mention, "number");
    if (name.empty()) name = text(*mention, "uuid");
    const std::string replacement = "@" + name;
    body.replace(at, kMentionMark.size(), replacement);
    from = at + replacement.size();
  }
  return body;
}

// The quoted message's author is the bot: a reply to it addresses it.
bool quotesSelf(const json& dataMessage, const SignalIdentity& self) {
  const json* quote = objectField(dataMessage, "quote");
  if (!quote) return false;
  std::string number = text(*quote, "authorNumber");
  if (number.empty()) number = text(*quote, "author");
  return isSelf(number, text(*quote, "authorUuid"), self);
}

std::vector<SignalAttachment> attachmentsOf(const json& dataMessage) {
  std::vector<SignalAttachment> found;
  const auto list = dataMessage.find("attachments");
  if (list == dataMessage.end() || !list->is_array()) return found;
  for (const json& item : *list) {
    if (!item.is_object() || text(item, "id").empty()) continue;
    SignalAttachment attachment;
    attachment.id = text(item, "id");
    attachment.contentType = text(item, "contentType");
    if (attachment.contentType.empty()) attachment.contentType = "application/octet-stream";
    attachment.fileName = text(item, "filename");
    if (attachment.fileName.empty()) attachment.fileName = attachment.id;
    const auto size = item.find("size");
    if (size != item.end() && size->is_number_integer() && size->get<std::int64_t>() > 0) {
      attachment.size = size->get<std::uint64_t>();
    }
    found.push_back(std::move(attachment));
  }
  return found;
}

std::int64_t timestampOf(const json& envelope, const json& dataMessage) {
  for (const json* object : {&dataMessage, &envelope}) {
    const auto found = object->find("timestamp");
    if (found != object->end() && found->is_number_integer() && found->get<std::int64_t>() > 0) {
      return found->get<std::int64_t>();
    }
  }
  return 0;
}

}  // namespace

std::optional<SignalInbound> inboundFromEvent(const json& event, const SignalIdentity& self,
                                              const std::string& accountId) {
  if (!event.is_object()) return std::nullopt;
  // A JSON-RPC notification ({"method":"receive","params":{...}}) carries the same object.
  const json* payload = &event;
  if (const json* params = objectField(event, "params")) payload = params;
  const json* envelope = objectField(*payload, "envelope");
  if (!envelope) return std::nullopt;
  const std::string account = text(*payload, "account");
  if (!account.empty() && !self.number.empty() && account != self.number) return std::nullopt;
  const json* dataMessage = objectField(*envelope, "dataMessage");
  if (!dataMessage) return std::nullopt;  // sync, receipt, typing, call, story, ...

  std::string number = text(*envelope, "sourceNumber");
  std::string uuid = text(*envelope, "sourceUuid");
  const std::string source = text(*envelope, "source");  // older signal-cli: number or uuid
  if (number.empty() && !source.empty() && source.front() == '+') number = source;
  if (uuid.empty() && looksLikeUuid(source)) uuid = source;
  if (number.empty() && uuid.empty()) return std::nullopt;
  if (isSelf(number, uuid, self)) return std::nullopt;  // our own message (loop protection)

  const std::int64_t timestamp = timestampOf(*envelope, *dataMessage);
  if (timestamp == 0) return std::nullopt;

  SignalInbound inbound;
  inbound.attachments = attachmentsOf(*dataMessage);
  std::string body = text(*dataMessage, "message");
  if (body.empty() && inbound.attachments.empty()) return std::nullopt;  // reactions, updates

  InboundMessage& message = inbound.message;
  message.channel = "signal";
  message.accountId = accountId;
  message.senderId = number.empty() ? kUuidPrefix + uuid : number;
  if (!uuid.empty()) {
    if (!number.empty()) message.senderAliases.push_back(kUuidPrefix + uuid);
    message.senderAliases.push_back(uuid);
  }
  message.senderLabel = text(*envelope, "sourceName");
  if (message.senderLabel.empty()) message.senderLabel = message.senderId;

  const json* group = objectField(*dataMessage, "groupInfo");
  if (group && !text(*group, "groupId").empty()) {
    message.isGroup = true;
    message.groupKind = "group";
    message.chatId = text(*group, "groupId");
    message.messageId = std::to_string(timestamp) + ":" + message.senderId;
  } else {
    message.chatId = message.senderId;
    message.messageId = std::to_string(timestamp);
  }

  const auto mentions = dataMessage->find("mentions");
  if (mentions != dataMessage->end() && mentions->is_array()) {
    message.mentioned = std::any_of(mentions->begin(), mentions->end(),
                                    [&](const json& m) { return mentionsSelf(m, self); });
    body = withMentionNames(std::move(body), *mentions);
  }
  message.mentioned = message.mentioned || quotesSelf(*dataMessage, self);
  message.text = std::move(body);
  message.receivedAtMs = timestamp;
  return inbound;
}

std::optional<json> targetParams(const std::string& target) {
  std::string id = target;
  if (id.rfind("signal:", 0) == 0) id = id.substr(7);
  if (id.empty()) return std::nullopt;
  if (id.front() == '+') return json{{"recipient", {id}}};
  if (id.rfind(kUuidPrefix, 0) == 0) return json{{"recipient", {id.substr(5)}}};
  if (looksLikeUuid(id)) return json{{"recipient", {id}}};
  if (id.rfind("username:", 0) == 0) return json{{"username", {id.substr(9)}}};
  if (id.rfind("group:", 0) == 0) id = id.substr(6);
  if (id.empty()) return std::nullopt;
  return json{{"groupId", id}};
}

}  // namespace openclaw::channels::signal
