// The Discord channel under faults: a dropped Gateway connection resumed without loss or
// repeats, duplicate dispatches, kill -9 between journaling and the turn, a revoked token on one
// of two accounts, bad Gateway payloads, and attachments in both directions.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "auth/base64url.h"
#include "discord_e2e.h"

namespace openclaw::e2e::discord {
namespace {

using testsupport::DiscordUserMessage;
using testsupport::FakeDiscord;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;

TEST(DiscordResilience, DroppedGatewayIsResumedWithoutLossOrRepeats) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"first reply"}));
  provider.enqueue(ScriptedReply::text({"second reply"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  discord.pushMessage(dm("one"));
  ASSERT_EQ(discord.waitForSent(1, kDeadline).size(), 1u) << gateway.output();

  discord.dropConnection();
  discord.pushMessage(dm("two"));  // dispatched while the client is away: replayed on resume
  ASSERT_TRUE(discord.waitForResumes(1, kDeadline)) << gateway.output();
  const auto sent = discord.waitForSent(2, kDeadline);
  ASSERT_EQ(sent.size(), 2u) << gateway.output();
  EXPECT_EQ(sent[1].payload.at("content"), "second reply");
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"one", "two"}));

  const json resume = discord.resumes().at(0);
  EXPECT_EQ(resume.at("session_id"), "session-1");
  EXPECT_GE(resume.at("seq").get<std::int64_t>(), 3);  // READY, GUILD_CREATE, "one"
  EXPECT_EQ(discord.identifies().size(), 1u);          // resumed, not a new session
}

TEST(DiscordResilience, ARestartResumesTheStoredSessionAndGetsWhatWasSentMeanwhile) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"first reply"}));
  provider.enqueue(ScriptedReply::text({"second reply"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  discord.pushMessage(dm("one"));
  ASSERT_EQ(discord.waitForSent(1, kDeadline).size(), 1u) << gateway.output();
  ASSERT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  discord.pushMessage(dm("two"));  // while the gateway is down
  gateway.start();
  ASSERT_EQ(discord.waitForSent(2, kDeadline).size(), 2u) << gateway.output();
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(discord.identifies().size(), 1u);
  ASSERT_EQ(discord.resumes().size(), 1u);
  EXPECT_EQ(discord.resumes()[0].at("session_id"), "session-1");
}

TEST(DiscordResilience, DuplicateDispatchesRunOnce) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"only once"}));
  provider.enqueue(ScriptedReply::text({"the next one"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  discord.pushMessage(dm("hello"));
  ASSERT_EQ(discord.waitForSent(1, kDeadline).size(), 1u) << gateway.output();
  discord.redispatch(3);  // "hello" again, as Discord may after a resume
  discord.pushMessage(dm("next"));
  ASSERT_EQ(discord.waitForSent(2, kDeadline).size(), 2u) << gateway.output();
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"hello", "next"}));
}

TEST(DiscordResilience, ACrashAfterJournalingRunsTheTurnOnceAfterRestart) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::hanging());  // the turn is under way when the gateway dies
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  discord.pushMessage(dm("survive this"));
  ASSERT_TRUE(provider.waitForRequests(1, kDeadline)) << gateway.output();
  gateway.stop(SIGKILL);

  provider.enqueue(ScriptedReply::text({"made it"}));
  gateway.start();
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(sent[0].payload.at("content"), "made it");
  // A second restart finds nothing left to do.
  ASSERT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  gateway.start();
  ASSERT_TRUE(discord.waitForResumes(2, kDeadline));  // each restart resumes the stored session
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  EXPECT_EQ(discord.sentMessages().size(), 1u);
  EXPECT_EQ(provider.userPrompts().size(), 2u);  // the interrupted call and the completed one
}

TEST(DiscordResilience, TwoAccountsRunAtOnceAndARevokedTokenStopsOnlyItsOwn) {
  ScriptedProvider provider;
  FakeDiscord first("token-one.a", "900000000000000011", "bot-one");
  FakeDiscord second("token-two.b", "900000000000000022", "bot-two");
  provider.enqueue(ScriptedReply::text({"answer one"}));
  provider.enqueue(ScriptedReply::text({"answer two"}));
  provider.enqueue(ScriptedReply::text({"still here"}));
  json block = kOpenDms;
  block["accounts"] = {{"one", accountBlock(first)}, {"two", accountBlock(second)}};
  GatewayProcess gateway(gatewayConfig(provider, block));
  gateway.start();
  first.pushMessage(dm("to one"));
  ASSERT_EQ(first.waitForSent(1, kDeadline).size(), 1u) << gateway.output();
  second.pushMessage(dm("to two"));
  ASSERT_EQ(second.waitForSent(1, kDeadline).size(), 1u) << gateway.output();
  EXPECT_EQ(first.sentMessages()[0].payload.at("content"), "answer one");
  EXPECT_EQ(second.sentMessages()[0].payload.at("content"), "answer two");

  auto client = gateway.connect();
  EXPECT_EQ(discordAccounts(client).size(), 2u);
  first.revokeToken();
  const json revoked = waitForAccount(client, "one", [](const json& row) {
    return !row.value("connected", true) && !row.value("lastError", "").empty();
  });
  EXPECT_EQ(revoked.at("connected"), false);
  EXPECT_NE(revoked.at("lastError").get<std::string>().find("authentication failed"),
            std::string::npos)
      << revoked.dump();
  const int connections = first.connectionsAccepted();

  second.pushMessage(dm("anyone?"));
  ASSERT_EQ(second.waitForSent(2, kDeadline).size(), 2u) << gateway.output();
  EXPECT_EQ(second.sentMessages()[1].payload.at("content"), "still here");
  EXPECT_EQ(waitForAccount(client, "two", [](const json&) { return true; }).at("connected"), true);
  // The revoked account does not hammer the gateway with reconnects.
  EXPECT_EQ(first.connectionsAccepted(), connections);
}

TEST(DiscordResilience, BadGatewayPayloadsAreIgnoredAndTheLinkStays) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"fine"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  discord.sendRaw("not json at all");
  discord.sendRaw(R"({"op":"zero"})");
  discord.sendRaw(R"({"op":0,"s":50,"t":"MESSAGE_CREATE","d":{"id":5,"author":"x"}})");
  discord.sendRaw(R"({"op":0,"s":51,"t":"MESSAGE_CREATE","d":null})");
  std::string deep = R"({"op":0,"s":52,"t":"MESSAGE_CREATE","d":)";
  for (int i = 0; i < 5000; ++i) deep += "[";
  discord.sendRaw(deep);
  discord.pushMessage(dm("still works"));
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"still works"});
  EXPECT_EQ(discord.identifies().size(), 1u);
}

TEST(DiscordResilience, OversizedGatewayMessageReconnectsAndResumes) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"after the flood"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  discord.sendRaw(R"({"op":0,"t":"X","d":")" + std::string(5 * 1024 * 1024, 'a') + "\"}");
  ASSERT_TRUE(discord.waitForResumes(1, kDeadline)) << gateway.output();
  discord.pushMessage(dm("hello again"));
  ASSERT_EQ(discord.waitForSent(1, kDeadline).size(), 1u) << gateway.output();
}

TEST(DiscordResilience, AMissingHeartbeatAckIsAZombieConnectionThatIsResumed) {
  ScriptedProvider provider;
  FakeDiscord discord;
  discord.setHeartbeatInterval(1000ms);
  discord.setHeartbeatAcks(false);
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  ASSERT_TRUE(discord.waitForResumes(1, kDeadline)) << gateway.output();
  EXPECT_GE(discord.heartbeatsReceived(), 1);
  EXPECT_EQ(discord.identifies().size(), 1u);
}

TEST(DiscordResilience, ReconnectRequestsResumeAndInvalidSessionsIdentifyAnew) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"after all that"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  discord.sendRaw(R"({"op":7,"d":null})");  // Reconnect: resume the same session
  ASSERT_TRUE(discord.waitForResumes(1, kDeadline)) << gateway.output();
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  discord.sendRaw(R"({"op":9,"d":false})");  // Invalid Session, not resumable: a new one
  ASSERT_TRUE(discord.waitForIdentifies(2, kDeadline)) << gateway.output();
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  discord.closeConnection(4009, "Session timed out");  // also a new session
  ASSERT_TRUE(discord.waitForIdentifies(3, kDeadline)) << gateway.output();
  EXPECT_EQ(discord.resumes().size(), 1u);
  discord.pushMessage(dm("still there?"));
  ASSERT_EQ(discord.waitForSent(1, kDeadline).size(), 1u) << gateway.output();
}

TEST(DiscordResilience, DisallowedIntentsStopTheAccountWithAClearError) {
  ScriptedProvider provider;
  FakeDiscord discord;
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  ASSERT_TRUE(discord.waitForSession(kDeadline));
  auto client = gateway.connect();
  discord.closeConnection(4014, "Disallowed intent(s).");
  const json row = waitForAccount(client, "default", [](const json& account) {
    return !account.value("connected", true) && !account.value("lastError", "").empty();
  });
  EXPECT_NE(row.value("lastError", "").find("Message Content"), std::string::npos) << row.dump();
  const json refused = client.request("send", {{"to", kDmChannel},
                                               {"message", "x"},
                                               {"channel", "discord"},
                                               {"idempotencyKey", "after-4014"}});
  EXPECT_EQ(refused.at("error").at("code"), "NOT_LINKED") << refused.dump();
  EXPECT_EQ(discord.identifies().size(), 1u);  // no reconnect attempts
}

TEST(DiscordResilience, AttachmentsAreSavedUnderTheWorkspaceMediaFolder) {
  ScriptedProvider provider;
  FakeDiscord discord;
  provider.enqueue(ScriptedReply::text({"nice picture"}));
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  DiscordUserMessage message = dm("look at this");
  message.attachments.push_back(
      {"cat.png", std::string("\x89PNG fake bytes", 15), "image/png", std::nullopt});
  message.attachments.push_back({"huge.bin", "x", "application/octet-stream",
                                 std::uint64_t{26} * 1024 * 1024});  // claims more than 25 MB
  discord.pushMessage(message);
  ASSERT_EQ(discord.waitForSent(1, kDeadline).size(), 1u) << gateway.output();

  std::vector<std::filesystem::path> saved;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(gateway.home().path())) {
    const std::string path = entry.path().string();
    if (path.find("media/inbound/discord/") != std::string::npos && entry.is_regular_file()) {
      saved.push_back(entry.path());
    }
  }
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_NE(saved[0].filename().string().find("cat.png"), std::string::npos);
  std::ifstream in(saved[0], std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}),
            std::string("\x89PNG fake bytes", 15));
  // The turn names the saved file, and the one it skipped.
  ASSERT_EQ(provider.userPrompts().size(), 1u);
  const std::string prompt = provider.userPrompts()[0];
  EXPECT_NE(prompt.find("[attachment: cat.png (image/png, 15 bytes) saved at " + saved[0].string()),
            std::string::npos)
      << prompt;
  EXPECT_NE(prompt.find("[attachment huge.bin (application/octet-stream) not saved: larger than "
                        "25 MB]"),
            std::string::npos)
      << prompt;
}

TEST(DiscordResilience, SendUploadsFilesAsMultipart) {
  ScriptedProvider provider;
  FakeDiscord discord;
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  auto client = gateway.connect();
  const std::string png("\x89PNG\r\n\x1a\nfake", 12);
  const json answer = client.call("send", {{"to", "channel:" + kGuildChannel},
                                           {"message", "the chart"},
                                           {"channel", "discord"},
                                           {"buffer", auth::base64UrlEncode(png)},
                                           {"filename", "chart.png"},
                                           {"idempotencyKey", "discord-media-1"}});
  const auto sent = discord.waitForSent(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u) << gateway.output();
  EXPECT_EQ(answer.at("messageId"), sent[0].id);
  EXPECT_EQ(sent[0].channelId, kGuildChannel);
  EXPECT_EQ(sent[0].payload.at("content"), "the chart");
  EXPECT_EQ(sent[0].payload.at("attachments").at(0).at("filename"), "chart.png");
  ASSERT_EQ(sent[0].files.size(), 1u);
  EXPECT_EQ(sent[0].files[0].name, "files[0]");
  EXPECT_EQ(sent[0].files[0].fileName, "chart.png");
  EXPECT_EQ(sent[0].files[0].contentType, "image/png");
  EXPECT_EQ(sent[0].files[0].body, png);
}

TEST(DiscordResilience, StatusProbeAsksDiscordWhoTheBotIs) {
  ScriptedProvider provider;
  FakeDiscord discord;
  GatewayProcess gateway(gatewayConfig(provider, discord, kOpenDms));
  gateway.start();
  auto client = gateway.connect();
  const json status = client.call("channels.status", {{"probe", true}, {"timeoutMs", 5000}}, 40s);
  const json account = status.at("channelAccounts").at("discord").at(0);
  EXPECT_EQ(account.at("probe").at("ok"), true) << account.dump();
  EXPECT_EQ(account.at("probe").at("bot").at("id"), discord.botId());
  EXPECT_TRUE(discord.waitForCall("GET", "/users/@me", kDeadline));
}

}  // namespace
}  // namespace openclaw::e2e::discord
