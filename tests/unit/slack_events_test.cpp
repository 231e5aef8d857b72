// Slack events to router messages: DMs, channel mentions, threads, files, what is ignored, and
// the Socket Mode envelope.
#include "channels/slack/slack_events.h"

#include <gtest/gtest.h>

namespace openclaw::channels::slack {
namespace {

using nlohmann::json;

constexpr const char* kBot = "UBOT1";

json dm(const std::string& text) {
  return {{"type", "message"},     {"channel", "D024BE91L"}, {"channel_type", "im"},
          {"user", "U2147483697"}, {"text", text},           {"ts", "1355517523.000005"}};
}

TEST(SlackEvents, DirectMessage) {
  const auto message = messageFromEvent(dm("hello there"), kBot, "work");
  ASSERT_TRUE(message);
  const InboundMessage& inbound = message->inbound;
  EXPECT_EQ(inbound.channel, "slack");
  EXPECT_EQ(inbound.accountId, "work");
  EXPECT_EQ(inbound.chatId, "D024BE91L");
  EXPECT_EQ(inbound.messageId, "1355517523.000005");
  EXPECT_EQ(inbound.senderId, "U2147483697");
  EXPECT_FALSE(inbound.isGroup);
  EXPECT_FALSE(inbound.mentioned);
  EXPECT_EQ(inbound.threadId, "");
  EXPECT_EQ(inbound.text, "hello there");
  EXPECT_EQ(inbound.receivedAtMs, 1355517523000);
  EXPECT_TRUE(message->files.empty());
}

TEST(SlackEvents, ChannelMentionIsTakenOutOfTheText) {
  json event = dm("<@UBOT1> what's up? cc <@UOTHER>");
  event["channel"] = "C0123";
  event["channel_type"] = "channel";
  const auto message = messageFromEvent(event, kBot, "default");
  ASSERT_TRUE(message);
  EXPECT_TRUE(message->inbound.isGroup);
  EXPECT_EQ(message->inbound.groupKind, "channel");
  EXPECT_TRUE(message->inbound.mentioned);
  EXPECT_EQ(message->inbound.text, "what's up? cc <@UOTHER>");

  event["text"] = "just talking, <@UBOT1X> is someone else";
  const auto unaddressed = messageFromEvent(event, kBot, "default");
  ASSERT_TRUE(unaddressed);
  EXPECT_FALSE(unaddressed->inbound.mentioned);
}

TEST(SlackEvents, ChannelKinds) {
  json event = dm("hi");
  event["channel_type"] = "group";  // a private channel
  EXPECT_EQ(messageFromEvent(event, kBot, "default")->inbound.groupKind, "channel");
  event["channel_type"] = "mpim";  // a group DM
  const auto mpim = messageFromEvent(event, kBot, "default");
  EXPECT_TRUE(mpim->inbound.isGroup);
  EXPECT_EQ(mpim->inbound.groupKind, "group");
}

TEST(SlackEvents, AppMentionAndTheMessageEventShareTheDedupeKey) {
  json mention = {{"type", "app_mention"}, {"channel", "C0123"},        {"user", "U1"},
                  {"text", "<@UBOT1> hi"}, {"ts", "1700000000.000100"}, {"event_ts", "x"}};
  const auto fromMention = messageFromEvent(mention, kBot, "default");
  ASSERT_TRUE(fromMention);
  EXPECT_TRUE(fromMention->inbound.isGroup);
  EXPECT_TRUE(fromMention->inbound.mentioned);
  json message = mention;
  message["type"] = "message";
  message["channel_type"] = "channel";
  const auto fromMessage = messageFromEvent(message, kBot, "default");
  ASSERT_TRUE(fromMessage);
  EXPECT_EQ(fromMention->inbound.chatId, fromMessage->inbound.chatId);
  EXPECT_EQ(fromMention->inbound.messageId, fromMessage->inbound.messageId);
}

TEST(SlackEvents, ThreadTsBecomesTheThread) {
  json event = dm("<@UBOT1> in a thread");
  event["channel"] = "C0123";
  event["channel_type"] = "channel";
  event["thread_ts"] = "1355517000.000001";
  const auto message = messageFromEvent(event, kBot, "default");
  ASSERT_TRUE(message);
  EXPECT_EQ(message->inbound.threadId, "1355517000.000001");
}

TEST(SlackEvents, IgnoresBotsEditsAndEmptyMessages) {
  json fromBot = dm("beep");
  fromBot["bot_id"] = "B123";
  EXPECT_FALSE(messageFromEvent(fromBot, kBot, "default"));
  json own = dm("my own words");
  own["user"] = kBot;
  EXPECT_FALSE(messageFromEvent(own, kBot, "default"));
  for (const char* subtype :
       {"message_changed", "message_deleted", "channel_join", "bot_message"}) {
    json event = dm("x");
    event["subtype"] = subtype;
    EXPECT_FALSE(messageFromEvent(event, kBot, "default")) << subtype;
  }
  json broadcast = dm("also in channel");
  broadcast["subtype"] = "thread_broadcast";
  EXPECT_TRUE(messageFromEvent(broadcast, kBot, "default"));
  EXPECT_FALSE(messageFromEvent(dm("<@UBOT1>  "), kBot, "default"));
  EXPECT_FALSE(messageFromEvent({{"type", "reaction_added"}, {"user", "U1"}}, kBot, "default"));
  for (const char* key : {"user", "channel", "ts"}) {
    json event = dm("x");
    event.erase(key);
    EXPECT_FALSE(messageFromEvent(event, kBot, "default")) << key;
    event[key] = 42;  // wrong type
    EXPECT_FALSE(messageFromEvent(event, kBot, "default")) << key;
  }
  EXPECT_FALSE(messageFromEvent(json::array(), kBot, "default"));
  EXPECT_FALSE(messageFromEvent("message", kBot, "default"));
}

TEST(SlackEvents, FilesAreListedAndBounded) {
  json event = dm("");
  event["subtype"] = "file_share";
  json files = json::array();
  for (int i = 0; i < 10; ++i) {
    files.push_back(
        {{"id", "F" + std::to_string(i)},
         {"name", "f" + std::to_string(i) + ".png"},
         {"mimetype", "image/png"},
         {"size", 1234},
         {"url_private", "https://files.slack.com/files-pri/T1-F/f.png"},
         {"url_private_download", "https://files.slack.com/files-pri/T1-F/download/f.png"}});
  }
  files.push_back("not a file");
  event["files"] = files;
  const auto message = messageFromEvent(event, kBot, "default");
  ASSERT_TRUE(message);
  ASSERT_EQ(message->files.size(), kMaxFilesPerMessage);
  EXPECT_EQ(message->files[0].id, "F0");
  EXPECT_EQ(message->files[0].name, "f0.png");
  EXPECT_EQ(message->files[0].mimetype, "image/png");
  EXPECT_EQ(message->files[0].size, 1234u);
  EXPECT_EQ(message->files[0].url, "https://files.slack.com/files-pri/T1-F/download/f.png");
}

TEST(SlackEvents, CallbackEvent) {
  const json body = {{"type", "event_callback"}, {"event_id", "Ev1"}, {"event", dm("x")}};
  ASSERT_NE(callbackEvent(body), nullptr);
  EXPECT_EQ(callbackEvent(body)->value("text", ""), "x");
  EXPECT_EQ(callbackEvent({{"type", "url_verification"}, {"challenge", "c"}}), nullptr);
  EXPECT_EQ(callbackEvent({{"type", "event_callback"}, {"event", "x"}}), nullptr);
  EXPECT_EQ(callbackEvent(json::array()), nullptr);
}

TEST(SlackEvents, SocketModeEnvelopes) {
  const auto hello = parseEnvelope(R"({"type":"hello","num_connections":1})");
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->type, "hello");
  EXPECT_EQ(hello->envelopeId, "");

  const auto event = parseEnvelope(
      R"({"type":"events_api","envelope_id":"e-1","payload":{"type":"event_callback","event":{}},"accepts_response_payload":false})");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->envelopeId, "e-1");
  EXPECT_EQ(event->payload.value("type", ""), "event_callback");
  EXPECT_EQ(envelopeAck("e-1"), R"({"envelope_id":"e-1"})");

  const auto disconnect = parseEnvelope(R"({"type":"disconnect","reason":"refresh_requested"})");
  ASSERT_TRUE(disconnect);
  EXPECT_EQ(disconnect->reason, "refresh_requested");

  EXPECT_FALSE(parseEnvelope("not json"));
  EXPECT_FALSE(parseEnvelope("[]"));
  EXPECT_FALSE(parseEnvelope(R"({"envelope_id":"x"})"));
  EXPECT_FALSE(parseEnvelope(std::string(1000, '[') + std::string(1000, ']')));
}

TEST(SlackEvents, TsToMillis) {
  EXPECT_EQ(tsMillis("1700000000.123456"), 1700000000123);
  EXPECT_EQ(tsMillis("1700000000.5"), 1700000000500);
  EXPECT_EQ(tsMillis("1700000000"), 1700000000000);
  EXPECT_EQ(tsMillis("x"), 0);
  EXPECT_EQ(tsMillis("-5.0"), 0);
  EXPECT_EQ(tsMillis("99999999999999999999"), 0);
}

}  // namespace
}  // namespace openclaw::channels::slack
