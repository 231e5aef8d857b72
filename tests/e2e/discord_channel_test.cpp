// The Discord channel end to end: the real gateway binary, a local fake Discord (REST API and
// Gateway WebSocket, tests/support/fake_discord) and the scripted model server. Messages arrive
// as MESSAGE_CREATE dispatches, replies leave through POST /channels/{id}/messages.
#include <gtest/gtest.h>

#include <regex>

#include "discord_e2e.h"

namespace openclaw::e2e::discord {
namespace {

using testsupport::FakeDiscord;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;

TEST(DiscordChannel, DirectMessageGetsAnAgentReplyInTheDmChannel) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"Hello ", "from the agent"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  discord.pushMessage(dm("hi bot"));
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(sent[0].channelId, kDmChannel);
  EXPECT_EQ(sent[0].payload.at("content"), "Hello from the agent");
  EXPECT_FALSE(sent[0].payload.contains("message_reference"));  // no reply threading in DMs
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"hi bot"});
  EXPECT_TRUE(discord.waitForCall("POST", "/channels/" + kDmChannel + "/typing", kDeadline));

  // Identify asked for guilds, guild messages, direct messages and message content.
  const json identify = discord.identifies().at(0);
  EXPECT_EQ(identify.at("token"), FakeDiscord::kToken);
  EXPECT_EQ(identify.at("intents"), (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15));

  auto client = gateway.connect();
  const json account = waitForAccount(client, "default", [](const json&) { return true; });
  EXPECT_EQ(account.at("connected"), true);
  EXPECT_EQ(account.at("mode"), "gateway");
  const json health = client.call("health");
  EXPECT_EQ(health.at("channels").at("discord").at("linked"), true);
  EXPECT_EQ(health.at("channelLabels").at("discord"), "Discord");
  const json history =
      client.call("chat.history", {{"sessionKey", "agent:main:discord:direct:" + kUser}});
  EXPECT_EQ(history.at("messages").size(), 2u);
}

TEST(DiscordChannel, UnknownSenderIsPairedBeforeGettingATurn) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"welcome aboard"}));
  GatewayProcess gateway(gatewayConfig(provider, discord));
  gateway.start();
  discord.pushMessage(dm("let me in"));
  auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  const std::string codeText = sent[0].payload.at("content");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(codeText, match, std::regex("([A-Z2-9]{8})"))) << codeText;
  EXPECT_TRUE(provider.requests().empty());

  const CommandResult approved = runCli({"pairing", "approve", "discord", match[1].str(), "--url",
                                         gateway.url(), "--token", GatewayProcess::kToken},
                                        gateway.home().path());
  ASSERT_EQ(approved.exitCode, 0) << approved.err << approved.out;
  discord.pushMessage(dm("now?"));
  sent = discord.waitForSent(2, kDeadline);
  ASSERT_EQ(sent.size(), 2u) << gateway.output();
  EXPECT_EQ(sent[1].payload.at("content"), "welcome aboard");
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"now?"});
}

TEST(DiscordChannel, GuildChannelsAnswerMentionsAsReplies) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"guild answer"}));
  GatewayProcess gateway(
      gatewayConfig(provider, discord, {{"groups", {{kGuildChannel, json::object()}}}}));
  gateway.start();
  discord.pushMessage(inGuild("just chatting", false));
  const std::string mentionId = discord.pushMessage(inGuild("help please", true));
  // Another channel of the guild is not in `groups`: ignored even when mentioned.
  discord.pushMessage(inGuild("elsewhere", true, "710000000000000099"));
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(sent[0].channelId, kGuildChannel);
  EXPECT_EQ(sent[0].payload.at("content"), "guild answer");
  EXPECT_EQ(sent[0].payload.at("message_reference").at("message_id"), mentionId);
  ASSERT_EQ(provider.userPrompts().size(), 1u);
  EXPECT_NE(provider.userPrompts()[0].find("help please"), std::string::npos);

  auto client = gateway.connect();
  const json history =
      client.call("chat.history", {{"sessionKey", "agent:main:discord:channel:" + kGuildChannel}});
  EXPECT_EQ(history.at("messages").size(), 2u);
}

TEST(DiscordChannel, RequireMentionFalseAnswersEveryMessageOfTheChannel) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"heard you"}));
  GatewayProcess gateway(
      gatewayConfig(provider, discord, {{"groups", {{"*", {{"requireMention", false}}}}}}));
  gateway.start();
  discord.pushMessage(inGuild("no mention here", false));
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(sent[0].payload.at("content"), "heard you");
}

TEST(DiscordChannel, ThreadMessagesAreASubSessionAnsweredInTheThread) {
  ScriptedProvider provider;
  FakeDiscord discord;
  const std::string thread = "720000000000000001";
  discord.addThread(thread, kGuildChannel, kGuild);
  provider.enqueue(ScriptedReply::text({"thread answer"}));
  GatewayProcess gateway(
      gatewayConfig(provider, discord, {{"groups", {{kGuildChannel, json::object()}}}}));
  gateway.start();
  discord.pushMessage(inGuild("in the thread", true, thread));
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(sent[0].channelId, thread);
  EXPECT_EQ(sent[0].payload.at("content"), "thread answer");

  auto client = gateway.connect();
  const json history = client.call(
      "chat.history",
      {{"sessionKey", "agent:main:discord:channel:" + kGuildChannel + ":thread:" + thread}});
  EXPECT_EQ(history.at("messages").size(), 2u);
}

TEST(DiscordChannel, LongRepliesAreSplitAtTwoThousandCharacters) {
  ScriptedProvider provider;
  FakeDiscord discord;
  std::string longText;
  while (longText.size() < 4500) longText += "word" + std::to_string(longText.size()) + " ";
  provider.enqueue(ScriptedReply::text({longText}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  discord.pushMessage(dm("write a lot"));
  const auto sent = discord.waitForSent(3, kDeadline);
  ASSERT_EQ(sent.size(), 3u) << gateway.output();
  std::string joined;
  for (const auto& message : sent) {
    const std::string content = message.payload.at("content");
    EXPECT_LE(content.size(), 2000u);
    joined += content;
  }
  EXPECT_EQ(joined, longText);
}

TEST(DiscordChannel, RateLimitedSendsWaitForRetryAfter) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"eventually"}));
  discord.rateLimitSends(1, 1.5);
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  discord.pushMessage(dm("hello"));
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(sent[0].payload.at("content"), "eventually");
  std::vector<testsupport::DiscordCall> posts;
  for (const auto& call : discord.calls()) {
    if (call.path == "/channels/" + kDmChannel + "/messages") posts.push_back(call);
  }
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].status, 429);
  EXPECT_GE(posts[1].at - posts[0].at, 1400ms);
}

TEST(DiscordChannel, SendMethodOpensADmForAUserTarget) {
  ScriptedProvider provider;
  FakeDiscord discord;
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  auto client = gateway.connect();
  waitForAccount(client, "default", [](const json& row) { return row.value("connected", false); });
  const json answer = client.call("send", {{"to", "user:" + kUser},
                                           {"message", "operator says hi"},
                                           {"channel", "discord"},
                                           {"idempotencyKey", "discord-send-1"}});
  EXPECT_EQ(answer.at("channel"), "discord");
  ASSERT_TRUE(discord.waitForCall("POST", "/users/@me/channels", kDeadline));
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].payload.at("content"), "operator says hi");
  EXPECT_EQ(answer.at("messageId"), sent[0].id);

  const json refused = client.request("send", {{"to", "not-an-id"},
                                               {"message", "x"},
                                               {"channel", "discord"},
                                               {"idempotencyKey", "discord-send-2"}});
  EXPECT_TRUE(refused.contains("error")) << refused.dump();
}

}  // namespace
}  // namespace openclaw::e2e::discord
