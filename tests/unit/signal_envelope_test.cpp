#include "channels/signal/signal_envelope.h"

#include <gtest/gtest.h>

#include "channels/access_policy.h"

namespace openclaw::channels::signal {
namespace {

using nlohmann::json;

const SignalIdentity kSelf{"+15550009999", "bbbbbbbb-0000-4000-8000-000000000000"};
constexpr const char* kUuid = "1b2c3d4e-0000-4000-8000-000000000001";

json event(json dataMessage, json envelopeExtra = json::object()) {
  json envelope = {{"source", "+15550001111"},
                   {"sourceNumber", "+15550001111"},
                   {"sourceUuid", kUuid},
                   {"sourceName", "Alice"},
                   {"sourceDevice", 1},
                   {"timestamp", 1700000000123},
                   {"dataMessage", std::move(dataMessage)}};
  envelope.merge_patch(envelopeExtra);
  return {{"envelope", envelope}, {"account", kSelf.number}};
}

TEST(SignalEnvelope, DirectMessageIsKeyedByTheSendersNumber) {
  const auto inbound =
      inboundFromEvent(event({{"timestamp", 1700000000123}, {"message", "hi"}}), kSelf, "work");
  ASSERT_TRUE(inbound);
  const InboundMessage& message = inbound->message;
  EXPECT_EQ(message.channel, "signal");
  EXPECT_EQ(message.accountId, "work");
  EXPECT_EQ(message.senderId, "+15550001111");
  EXPECT_EQ(message.senderAliases, (std::vector<std::string>{std::string("uuid:") + kUuid, kUuid}));
  EXPECT_EQ(message.senderLabel, "Alice");
  EXPECT_EQ(message.chatId, "+15550001111");
  EXPECT_EQ(message.messageId, "1700000000123");
  EXPECT_FALSE(message.isGroup);
  EXPECT_EQ(message.text, "hi");
  EXPECT_EQ(message.receivedAtMs, 1700000000123);
}

TEST(SignalEnvelope, SenderWithoutANumberIsKeyedByUuid) {
  const auto inbound = inboundFromEvent(
      event({{"message", "hi"}}, {{"source", kUuid}, {"sourceNumber", nullptr}}), kSelf, "default");
  ASSERT_TRUE(inbound);
  EXPECT_EQ(inbound->message.senderId, std::string("uuid:") + kUuid);
  EXPECT_EQ(inbound->message.chatId, std::string("uuid:") + kUuid);
  EXPECT_EQ(inbound->message.senderAliases, std::vector<std::string>{kUuid});
}

TEST(SignalEnvelope, GroupMessageWithAMentionOfTheBot) {
  const json mention = {
      {"name", "+15550009999"}, {"number", "+15550009999"}, {"start", 0}, {"length", 1}};
  const auto inbound =
      inboundFromEvent(event({{"message", "\xEF\xBF\xBC what now?"},
                              {"mentions", {mention}},
                              {"groupInfo", {{"groupId", "R3JvdXA="}, {"type", "DELIVER"}}}}),
                       kSelf, "default");
  ASSERT_TRUE(inbound);
  EXPECT_TRUE(inbound->message.isGroup);
  EXPECT_EQ(inbound->message.groupKind, "group");
  EXPECT_EQ(inbound->message.chatId, "R3JvdXA=");
  EXPECT_EQ(inbound->message.messageId, "1700000000123:+15550001111");
  EXPECT_TRUE(inbound->message.mentioned);
  EXPECT_EQ(inbound->message.text, "@+15550009999 what now?");

  const json other = {
      {"uuid", "cccccccc-0000-4000-8000-000000000000"}, {"start", 0}, {"length", 1}};
  const auto notUs = inboundFromEvent(event({{"message", "\xEF\xBF\xBC hi"},
                                             {"mentions", {other}},
                                             {"groupInfo", {{"groupId", "R3JvdXA="}}}}),
                                      kSelf, "default");
  ASSERT_TRUE(notUs);
  EXPECT_FALSE(notUs->message.mentioned);
  EXPECT_EQ(notUs->message.text, "@cccccccc-0000-4000-8000-000000000000 hi");

  const auto byUuid =
      inboundFromEvent(event({{"message", "\xEF\xBF\xBC"},
                              {"mentions", {{{"uuid", "BBBBBBBB-0000-4000-8000-000000000000"}}}},
                              {"groupInfo", {{"groupId", "R3JvdXA="}}}}),
                       kSelf, "default");
  ASSERT_TRUE(byUuid);
  EXPECT_TRUE(byUuid->message.mentioned);
}

TEST(SignalEnvelope, AReplyToTheBotAddressesIt) {
  const auto inbound = inboundFromEvent(
      event({{"message", "yes"},
             {"quote", {{"id", 1}, {"author", "+15550009999"}, {"authorNumber", "+15550009999"}}},
             {"groupInfo", {{"groupId", "R3JvdXA="}}}}),
      kSelf, "default");
  ASSERT_TRUE(inbound);
  EXPECT_TRUE(inbound->message.mentioned);
}

TEST(SignalEnvelope, AttachmentsAreListed) {
  const auto inbound = inboundFromEvent(event({{"attachments",
                                                {{{"contentType", "image/jpeg"},
                                                  {"filename", "cat.jpg"},
                                                  {"id", "abc.jpg"},
                                                  {"size", 1234}},
                                                 {{"id", "raw"}},
                                                 {{"contentType", "image/png"}}}}}),
                                        kSelf, "default");
  ASSERT_TRUE(inbound);
  EXPECT_EQ(inbound->message.text, "");
  ASSERT_EQ(inbound->attachments.size(), 2u);
  EXPECT_EQ(inbound->attachments[0].fileName, "cat.jpg");
  EXPECT_EQ(inbound->attachments[0].size, 1234u);
  EXPECT_EQ(inbound->attachments[1].fileName, "raw");
  EXPECT_EQ(inbound->attachments[1].contentType, "application/octet-stream");
}

TEST(SignalEnvelope, NotMessagesToTheBotAreIgnored) {
  const auto ignored = [](const json& value) { return !inboundFromEvent(value, kSelf, "d"); };
  EXPECT_TRUE(ignored(json::array()));
  EXPECT_TRUE(ignored({{"envelope", "text"}}));
  EXPECT_TRUE(ignored({{"envelope",
                        {{"sourceNumber", "+1555"},
                         {"timestamp", 1},
                         {"receiptMessage", {{"isDelivery", true}}}}}}));
  EXPECT_TRUE(ignored({{"envelope",
                        {{"sourceNumber", "+1555"},
                         {"timestamp", 1},
                         {"typingMessage", {{"action", "STARTED"}}}}}}));
  EXPECT_TRUE(ignored({{"envelope",
                        {{"sourceNumber", "+1555"},
                         {"timestamp", 1},
                         {"syncMessage", {{"sentMessage", {{"message", "x"}}}}}}}}));
  EXPECT_TRUE(ignored(event({{"reaction", {{"emoji", "👍"}}}})));                        // no text
  EXPECT_TRUE(ignored(event({{"message", "x"}}, {{"sourceNumber", "+15550009999"}})));  // own
  EXPECT_TRUE(ignored(
      event({{"message", "x"}}, {{"sourceNumber", nullptr},
                                 {"source", nullptr},
                                 {"sourceUuid", "BBBBBBBB-0000-4000-8000-000000000000"}})));  // own
  EXPECT_TRUE(ignored(event(
      {{"message", "x"}},
      {{"sourceNumber", nullptr}, {"source", nullptr}, {"sourceUuid", nullptr}})));  // no sender
  json otherAccount = event({{"message", "x"}});
  otherAccount["account"] = "+15550000000";
  EXPECT_TRUE(ignored(otherAccount));
  EXPECT_TRUE(ignored(event({{"message", 42}})));
  EXPECT_TRUE(ignored(event({{"message", "x"}, {"timestamp", nullptr}}, {{"timestamp", nullptr}})));
}

TEST(SignalEnvelope, JsonRpcNotificationsCarryTheSameEnvelope) {
  const json notification = {
      {"jsonrpc", "2.0"}, {"method", "receive"}, {"params", event({{"message", "via socket"}})}};
  const auto inbound = inboundFromEvent(notification, kSelf, "default");
  ASSERT_TRUE(inbound);
  EXPECT_EQ(inbound->message.text, "via socket");
}

TEST(SignalEnvelope, TargetsBecomeRecipientsOrGroups) {
  EXPECT_EQ(targetParams("+15550001111"), json({{"recipient", {"+15550001111"}}}));
  EXPECT_EQ(targetParams("signal:+15550001111"), json({{"recipient", {"+15550001111"}}}));
  EXPECT_EQ(targetParams(std::string("uuid:") + kUuid), json({{"recipient", {kUuid}}}));
  EXPECT_EQ(targetParams(kUuid), json({{"recipient", {kUuid}}}));
  EXPECT_EQ(targetParams("username:alice.01"), json({{"username", {"alice.01"}}}));
  EXPECT_EQ(targetParams("R3JvdXA="), json({{"groupId", "R3JvdXA="}}));
  EXPECT_EQ(targetParams("signal:group:R3JvdXA="), json({{"groupId", "R3JvdXA="}}));
  EXPECT_FALSE(targetParams(""));
  EXPECT_FALSE(targetParams("signal:group:"));
}

// allowFrom entries may name a Signal sender by number or by uuid (bare or "uuid:").
TEST(SignalEnvelope, AllowFromMatchesEveryFormOfTheSender) {
  const auto inbound = inboundFromEvent(event({{"message", "hi"}}), kSelf, "default");
  ASSERT_TRUE(inbound);
  for (const std::string& entry :
       std::vector<std::string>{"+15550001111", "signal:+15550001111", "uuid:" + std::string(kUuid),
                                std::string(kUuid), "signal:uuid:" + std::string(kUuid)}) {
    AccessPolicy policy;
    policy.dmPolicy = "allowlist";
    policy.allowFrom = {entry};
    EXPECT_EQ(decideDirect(policy, inbound->message, false), AccessDecision::Allow) << entry;
  }
  AccessPolicy policy;
  policy.dmPolicy = "allowlist";
  policy.allowFrom = {"+15550002222"};
  EXPECT_EQ(decideDirect(policy, inbound->message, false), AccessDecision::Drop);
}

}  // namespace
}  // namespace openclaw::channels::signal
