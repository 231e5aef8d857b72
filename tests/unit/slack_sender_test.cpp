// The Slack send queue against the fake Slack Web API, in process: chunks and threads, file
// uploads into a user's DM, bounded 429 retries, a refused token, the queue bound.
#include "channels/slack/slack_sender.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <optional>

#include "fake_slack.h"

namespace openclaw::channels::slack {
namespace {

using testsupport::FakeSlack;
using namespace std::chrono_literals;

struct Harness {
  boost::asio::io_context io;
  FakeSlack slack;
  std::vector<std::string> authFailures;
  std::shared_ptr<SlackSender> sender = std::make_shared<SlackSender>(
      io, std::make_shared<WebApi>(io, slack.apiRoot()), FakeSlack::kBotToken, 100,
      [this](const std::string& error) { authFailures.push_back(error); });

  SendResult send(const OutboundMessage& message) {
    std::optional<SendResult> result;
    sender->send(message, [&](SendResult outcome) { result = std::move(outcome); });
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (!result && std::chrono::steady_clock::now() < until) io.run_one_for(1s);
    if (!result) throw std::runtime_error("no send result");
    return std::move(*result);
  }
};

OutboundMessage to(const std::string& target, const std::string& text) {
  OutboundMessage message;
  message.to = target;
  message.text = text;
  return message;
}

TEST(SlackSender, ChunksCarryTheThread) {
  Harness harness;
  OutboundMessage message = to("channel:C1", std::string(250, 'x'));
  message.threadId = "1700000000.000100";
  const SendResult result = harness.send(message);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result.value().size(), 3u);
  const auto posted = harness.slack.posted();
  ASSERT_EQ(posted.size(), 3u);
  for (const auto& post : posted) {
    EXPECT_EQ(post.at("channel"), "C1");
    EXPECT_EQ(post.at("thread_ts"), "1700000000.000100");
    EXPECT_EQ(post.at("unfurl_links"), "false");
    EXPECT_LE(post.at("text").get<std::string>().size(), 100u);
  }
}

TEST(SlackSender, UploadsFilesIntoTheDmOfAUser) {
  Harness harness;
  OutboundMessage message = to("user:U1", "the report");
  message.media.push_back({"report.pdf", "application/pdf", "%PDF-1.4 bytes"});
  const SendResult result = harness.send(message);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result.value().size(), 2u);
  EXPECT_EQ(result.value().at(1), "F1");
  EXPECT_EQ(harness.slack.calls("conversations.open").at(0).params.at("users"), "U1");
  EXPECT_EQ(harness.slack.posted().at(0).at("channel"), "DU1");
  const auto url = harness.slack.calls("files.getUploadURLExternal").at(0).params;
  EXPECT_EQ(url.at("filename"), "report.pdf");
  EXPECT_EQ(url.at("length"), "14");
  ASSERT_EQ(harness.slack.uploads().size(), 1u);
  EXPECT_NE(harness.slack.uploads().at(0).find("%PDF-1.4 bytes"), std::string::npos);
  const auto complete = harness.slack.calls("files.completeUploadExternal").at(0).params;
  EXPECT_EQ(complete.at("channel_id"), "DU1");
  EXPECT_EQ(nlohmann::json::parse(complete.at("files").get<std::string>()),
            nlohmann::json::parse(R"([{"id":"F1","title":"report.pdf"}])"));
}

TEST(SlackSender, RateLimitsAreRetriedABoundedNumberOfTimes) {
  Harness harness;
  harness.slack.rateLimitPosts(1, 0);
  EXPECT_TRUE(harness.send(to("C1", "after one 429")));
  harness.slack.rateLimitPosts(kMaxRateLimitRetries + 1, 0);
  const SendResult storm = harness.send(to("C1", "never"));
  ASSERT_FALSE(storm);
  EXPECT_EQ(storm.error().code, "UNAVAILABLE");
  EXPECT_EQ(harness.slack.calls("chat.postMessage").size(),
            2u + static_cast<std::size_t>(kMaxRateLimitRetries) + 1);
}

TEST(SlackSender, ARefusedTokenFailsThisAndLaterSendsNotLinked) {
  Harness harness;
  harness.slack.revoke(FakeSlack::kBotToken);
  const SendResult refused = harness.send(to("C1", "x"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "NOT_LINKED");
  EXPECT_EQ(harness.authFailures, std::vector<std::string>{"token_revoked"});
  harness.sender->close("slack account default is not linked: revoked");
  const SendResult later = harness.send(to("C1", "y"));
  EXPECT_EQ(later.error().code, "NOT_LINKED");
  EXPECT_EQ(harness.slack.calls("chat.postMessage").size(), 1u);
}

TEST(SlackSender, TheQueueIsBounded) {
  Harness harness;
  std::vector<SendResult> results;
  for (std::size_t i = 0; i < kMaxQueuedSends + 2; ++i) {
    harness.sender->send(to("C1", "m"), [&](SendResult result) { results.push_back(result); });
  }
  // One in flight, kMaxQueuedSends waiting, the last refused at once.
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.at(0).error().code, "UNAVAILABLE");
  harness.sender->close("stopping");
  EXPECT_EQ(results.size(), 1u + kMaxQueuedSends);
  EXPECT_EQ(results.back().error().code, "NOT_LINKED");
}

TEST(SlackSender, Targets) {
  EXPECT_EQ(slackTarget("C123"), "C123");
  EXPECT_EQ(slackTarget("channel:C123"), "C123");
  EXPECT_EQ(slackTarget("user:U123"), "U123");
  EXPECT_EQ(slackTarget("slack:channel:C123"), "C123");
  EXPECT_EQ(slackTarget("<@U123>"), "U123");
}

}  // namespace
}  // namespace openclaw::channels::slack
