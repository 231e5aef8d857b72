// Discord Gateway payloads and MESSAGE_CREATE parsing: what the bot answers, where the reply
// goes (DM channel, guild channel, thread under its parent), and bad input that must not crash.
#include <gtest/gtest.h>

#include <string>

#include "channels/discord/discord_gateway_payload.h"
#include "channels/discord/discord_messages.h"
#include "core/bounded_json.h"

namespace openclaw::channels::discord {
namespace {

using nlohmann::json;

const BotIdentity kBot{"900", "openclaw"};

json message(json overrides = json::object()) {
  json d = {{"id", "1300000000000000000"},
            {"channel_id", "500"},
            {"type", 0},
            {"content", "hello"},
            {"author", {{"id", "42"}, {"username", "ada"}, {"global_name", "Ada L"}}},
            {"mentions", json::array()},
            {"attachments", json::array()}};
  d.merge_patch(overrides);
  return d;
}

std::optional<ParsedMessage> parse(const json& d, const ThreadDirectory& threads = {},
                                   bool allowBots = false) {
  return parseMessageCreate(d, kBot, threads, allowBots, "work");
}

TEST(DiscordPayload, ParsesOpSequenceAndEvent) {
  auto payload = parseGatewayPayload(R"({"op":0,"s":7,"t":"MESSAGE_CREATE","d":{"id":"1"}})");
  ASSERT_TRUE(payload);
  EXPECT_EQ(payload->op, 0);
  EXPECT_EQ(payload->s, 7);
  EXPECT_EQ(payload->t, "MESSAGE_CREATE");
  EXPECT_EQ(payload->d.at("id"), "1");
  auto hello = parseGatewayPayload(R"({"op":10,"d":{"heartbeat_interval":41250},"s":null})");
  ASSERT_TRUE(hello);
  EXPECT_FALSE(hello->s);
  EXPECT_EQ(hello->t, "");
}

TEST(DiscordPayload, RefusesMalformedAndDeeplyNestedInput) {
  EXPECT_FALSE(parseGatewayPayload(""));
  EXPECT_FALSE(parseGatewayPayload("{\"op\":"));
  EXPECT_FALSE(parseGatewayPayload("[1,2]"));
  EXPECT_FALSE(parseGatewayPayload(R"({"op":"0"})"));
  EXPECT_FALSE(parseGatewayPayload(R"({"op":-1})"));
  EXPECT_FALSE(parseGatewayPayload(R"({"d":{}})"));
  std::string deep = R"({"op":0,"d":)";
  for (std::size_t i = 0; i < core::kMaxJsonDepth + 10; ++i) deep += "[";
  EXPECT_FALSE(parseGatewayPayload(deep));
  // A wrong-typed `t` or `s` is dropped, not thrown on.
  auto odd = parseGatewayPayload(R"({"op":0,"s":"x","t":5})");
  ASSERT_TRUE(odd);
  EXPECT_FALSE(odd->s);
  EXPECT_EQ(odd->t, "");
}

TEST(DiscordPayload, IdentifyCarriesTokenAndIntentsResumeTheSession) {
  const json identify = json::parse(identifyPayload("tok"));
  EXPECT_EQ(identify.at("op"), op::kIdentify);
  EXPECT_EQ(identify.at("d").at("token"), "tok");
  const std::int64_t intents = identify.at("d").at("intents");
  EXPECT_EQ(intents, (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15));
  const json resume = json::parse(resumePayload("tok", "sess", 12));
  EXPECT_EQ(resume,
            json({{"op", 6}, {"d", {{"token", "tok"}, {"session_id", "sess"}, {"seq", 12}}}}));
  EXPECT_EQ(json::parse(heartbeatPayload(std::nullopt)), json({{"op", 1}, {"d", nullptr}}));
  EXPECT_EQ(json::parse(heartbeatPayload(5)), json({{"op", 1}, {"d", 5}}));
}

TEST(DiscordPayload, CloseCodesDecideBetweenResumeReidentifyAndStop) {
  EXPECT_EQ(closeAction(4004), CloseAction::Fatal);
  for (std::uint16_t code = 4010; code <= 4014; ++code)
    EXPECT_EQ(closeAction(code), CloseAction::Fatal);
  EXPECT_EQ(closeAction(4007), CloseAction::Reidentify);
  EXPECT_EQ(closeAction(4009), CloseAction::Reidentify);
  EXPECT_EQ(closeAction(4000), CloseAction::Resume);
  EXPECT_EQ(closeAction(1001), CloseAction::Resume);
  EXPECT_NE(closeReason(4004, "").find("authentication failed"), std::string::npos);
  EXPECT_NE(closeReason(4014, "").find("Message Content"), std::string::npos);
}

TEST(DiscordMessages, DirectMessageRepliesInItsDmChannel) {
  auto parsed = parse(message());
  ASSERT_TRUE(parsed);
  const InboundMessage& in = parsed->inbound;
  EXPECT_EQ(in.channel, "discord");
  EXPECT_EQ(in.accountId, "work");
  EXPECT_EQ(in.messageId, "1300000000000000000");
  EXPECT_EQ(in.chatId, "500");
  EXPECT_EQ(in.senderId, "42");
  EXPECT_EQ(in.senderLabel, "Ada L");
  EXPECT_FALSE(in.isGroup);
  EXPECT_EQ(in.text, "hello");
  // The snowflake's timestamp: 1300000000000000000 >> 22 ms after 2015-01-01.
  EXPECT_EQ(in.receivedAtMs, (1300000000000000000LL >> 22) + 1420070400000LL);
}

TEST(DiscordMessages, GuildMessagesAreChannelsMentionedByMentionOrReply) {
  auto plain = parse(message({{"guild_id", "7"}}));
  ASSERT_TRUE(plain);
  EXPECT_TRUE(plain->inbound.isGroup);
  EXPECT_EQ(plain->inbound.groupKind, "channel");
  EXPECT_EQ(plain->inbound.chatId, "500");
  EXPECT_FALSE(plain->inbound.mentioned);
  auto mention = parse(message({{"guild_id", "7"}, {"mentions", {{{"id", "900"}}}}}));
  ASSERT_TRUE(mention);
  EXPECT_TRUE(mention->inbound.mentioned);
  auto reply = parse(message(
      {{"guild_id", "7"}, {"type", 19}, {"referenced_message", {{"author", {{"id", "900"}}}}}}));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->inbound.mentioned);
  auto otherMention = parse(message({{"guild_id", "7"}, {"mentions", {{{"id", "901"}}}}}));
  EXPECT_FALSE(otherMention->inbound.mentioned);
}

TEST(DiscordMessages, ThreadMessagesBelongToTheirParentsThread) {
  ThreadDirectory threads;
  threads.rememberAll({{"threads", {{{"id", "600"}, {"type", 11}, {"parent_id", "500"}}}}});
  auto parsed = parse(message({{"guild_id", "7"}, {"channel_id", "600"}}), threads);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->inbound.chatId, "500");
  EXPECT_EQ(parsed->inbound.threadId, "600");
  threads.forget("600");
  EXPECT_EQ(parse(message({{"guild_id", "7"}, {"channel_id", "600"}}), threads)->inbound.chatId,
            "600");
  // Only thread types with a parent are remembered.
  threads.remember({{"id", "601"}, {"type", 0}, {"parent_id", "500"}});
  threads.remember({{"id", "602"}, {"type", 11}});
  EXPECT_EQ(threads.size(), 0u);
}

TEST(DiscordMessages, ThreadDirectoryIsBounded) {
  ThreadDirectory threads;
  for (std::size_t i = 1; i <= ThreadDirectory::kMaxThreads + 5; ++i) {
    threads.remember({{"id", std::to_string(i)}, {"type", 11}, {"parent_id", "1"}});
  }
  EXPECT_EQ(threads.size(), ThreadDirectory::kMaxThreads);
  EXPECT_FALSE(threads.parentOf("1"));
  EXPECT_TRUE(threads.parentOf(std::to_string(ThreadDirectory::kMaxThreads + 5)));
}

TEST(DiscordMessages, IgnoresItselfOtherBotsSystemMessagesAndEmptyOnes) {
  EXPECT_FALSE(parse(message({{"author", {{"id", "900"}}}})));
  EXPECT_FALSE(parse(message({{"author", {{"id", "43"}, {"bot", true}}}})));
  EXPECT_TRUE(parse(message({{"author", {{"id", "43"}, {"bot", true}}}}), {}, true));
  EXPECT_FALSE(parse(message({{"type", 7}})));  // member join
  EXPECT_FALSE(parse(message({{"content", ""}})));
}

TEST(DiscordMessages, AttachmentsAreListedWithTheirSize) {
  auto parsed = parse(message({{"content", ""},
                               {"attachments",
                                {{{"url", "https://cdn.example/a.png"},
                                  {"filename", "a.png"},
                                  {"size", 1234},
                                  {"content_type", "image/png"}},
                                 {{"url", "javascript:alert(1)"}, {"filename", "bad"}},
                                 "not an object"}}}));
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->attachments.size(), 1u);
  EXPECT_EQ(parsed->attachments[0].fileName, "a.png");
  EXPECT_EQ(parsed->attachments[0].sizeBytes, 1234u);
  EXPECT_EQ(parsed->attachments[0].contentType, "image/png");
}

TEST(DiscordMessages, MalformedMessagesAreDroppedWithoutThrowing) {
  const json bad[] = {
      nullptr,
      json::array(),
      message({{"author", "x"}}),
      message({{"author", {{"id", 42}}}}),
      message({{"author", {{"id", "not-a-number"}}}}),
      message({{"id", 5}}),
      message({{"channel_id", nullptr}}),
      message({{"id", "123456789012345678901"}}),  // 21 digits
      message({{"content", 7}}),
      message({{"author", {{"id", "42"}, {"bot", 1}, {"username", 3}}}, {"content", ""}}),
  };
  for (const json& d : bad) EXPECT_FALSE(parse(d)) << d.dump();
  // 20 digits past 2^64: parsed, with no timestamp to speak of.
  auto huge = parse(message({{"id", "99999999999999999999"}}));
  ASSERT_TRUE(huge);
  // A `bot` flag that is not a boolean (found by fuzz.discord) does not mark a bot.
  auto flagged = parse(message({{"author", {{"id", "42"}, {"bot", "yes"}}}}));
  ASSERT_TRUE(flagged);
  EXPECT_EQ(flagged->inbound.senderId, "42");
  // Mentions and references of the wrong shape count as no mention.
  auto odd = parse(message({{"mentions", "900"}, {"referenced_message", 5}}));
  ASSERT_TRUE(odd);
  EXPECT_FALSE(odd->inbound.mentioned);
}

}  // namespace
}  // namespace openclaw::channels::discord
