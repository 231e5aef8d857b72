// DiscordSender and RestClient against the fake Discord REST API, in process: files go up as
// multipart (files[n] + payload_json), DMs to a user open their channel first, 429s are retried
// after retry_after (a global one pauses other routes too), and a refused token is NOT_LINKED.
#include "channels/discord/discord_sender.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "fake_discord.h"

namespace openclaw::channels::discord {
namespace {

using namespace std::chrono_literals;
using testsupport::FakeDiscord;

const std::string kChannel = "710000000000000001";

// Runs `send` on an io_context until it answered.
SendResult sendVia(FakeDiscord& fake, const OutboundMessage& message,
                   const std::string& token = FakeDiscord::kToken) {
  boost::asio::io_context io;
  RestClient rest(io, fake.apiRoot(), token);
  DiscordSender sender(rest, 2000);
  std::optional<SendResult> result;
  sender.send(message, [&](SendResult answer) { result = std::move(answer); });
  io.run_for(20s);
  EXPECT_TRUE(result.has_value());
  return result.value_or(sendFailed("no answer"));
}

TEST(DiscordSender, FilesGoUpAsMultipartWithThePayload) {
  FakeDiscord fake;
  OutboundMessage message;
  message.to = "channel:" + kChannel;
  message.text = "here you go";
  message.replyToId = "1300000000000000001";
  message.media.push_back({"report.pdf", "application/pdf", "%PDF-1.4 fake"});
  message.media.push_back({"cat.png", "image/png", std::string("\x89PNG\0x", 6)});
  const SendResult result = sendVia(fake, message);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto sent = fake.sentMessages();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(result.value(), std::vector<std::string>{sent[0].id});
  EXPECT_EQ(sent[0].channelId, kChannel);
  EXPECT_EQ(sent[0].payload.at("content"), "here you go");
  EXPECT_EQ(sent[0].payload.at("message_reference").at("message_id"), "1300000000000000001");
  EXPECT_EQ(sent[0].payload.at("attachments").size(), 2u);
  ASSERT_EQ(sent[0].files.size(), 2u);
  EXPECT_EQ(sent[0].files[0].name, "files[0]");
  EXPECT_EQ(sent[0].files[0].fileName, "report.pdf");
  EXPECT_EQ(sent[0].files[0].contentType, "application/pdf");
  EXPECT_EQ(sent[0].files[0].body, "%PDF-1.4 fake");
  EXPECT_EQ(sent[0].files[1].body, std::string("\x89PNG\0x", 6));
}

TEST(DiscordSender, TooManyOrTooLargeFilesAreRefusedBeforeSending) {
  FakeDiscord fake;
  OutboundMessage message;
  message.to = kChannel;
  for (int i = 0; i < 11; ++i) message.media.push_back({"f.txt", "text/plain", "x"});
  EXPECT_FALSE(sendVia(fake, message).ok());
  message.media = {{"big.bin", "application/octet-stream", std::string(kMaxUploadBytes + 1, 'x')}};
  EXPECT_FALSE(sendVia(fake, message).ok());
  EXPECT_TRUE(fake.calls().empty());
}

TEST(DiscordSender, AUserTargetOpensItsDmChannel) {
  FakeDiscord fake;
  OutboundMessage message;
  message.to = "user:420000000000000042";
  message.text = "hi";
  ASSERT_TRUE(sendVia(fake, message).ok());
  const auto calls = fake.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].path, "/users/@me/channels");
  EXPECT_EQ(fake.sentMessages().at(0).channelId, "800000000000000001");
}

TEST(DiscordSender, ThreadIdSendsIntoTheThread) {
  FakeDiscord fake;
  OutboundMessage message;
  message.to = kChannel;
  message.threadId = "720000000000000001";
  message.text = "in thread";
  ASSERT_TRUE(sendVia(fake, message).ok());
  EXPECT_EQ(fake.sentMessages().at(0).channelId, "720000000000000001");
}

TEST(DiscordSender, RateLimitsAreWaitedOutThenGiveUpAfterBoundedRetries) {
  FakeDiscord fake;
  fake.rateLimitSends(1, 0.3, true);
  OutboundMessage message;
  message.to = kChannel;
  message.text = "patience";
  ASSERT_TRUE(sendVia(fake, message).ok());
  auto calls = fake.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].status, 429);
  EXPECT_GE(calls[1].at - calls[0].at, 280ms);

  FakeDiscord storm;
  storm.rateLimitSends(100, 0.01);
  const SendResult failed = sendVia(storm, message);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(storm.calls().size(), static_cast<std::size_t>(RestClient::kMaxRateLimitRetries + 1));
}

TEST(DiscordSender, ARefusedTokenIsNotLinked) {
  FakeDiscord fake;
  OutboundMessage message;
  message.to = kChannel;
  message.text = "x";
  const SendResult result = sendVia(fake, message, "wrong-token");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, protocol::codes::kNotLinked);
}

TEST(DiscordSender, TargetsMustBeDiscordIds) {
  EXPECT_FALSE(parseSendTarget("general"));
  EXPECT_FALSE(parseSendTarget("user:"));
  EXPECT_EQ(parseSendTarget("123")->id, "123");
  EXPECT_FALSE(parseSendTarget("123")->user);
  EXPECT_TRUE(parseSendTarget("user:123")->user);
  EXPECT_TRUE(parseSendTarget("discord:123")->user);
  EXPECT_EQ(parseSendTarget("channel:123")->id, "123");
}

}  // namespace
}  // namespace openclaw::channels::discord
