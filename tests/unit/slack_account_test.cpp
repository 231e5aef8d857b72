// One Slack account in process, against the fake Slack: link state and lastError for missing
// and refused credentials, the probe, bad Socket Mode frames, link_disabled.
#include <gtest/gtest.h>

#include "channels/slack/slack_channel.h"
#include "fake_slack.h"
#include "irc_channel_fixture.h"
#include "rpc/http_router.h"

namespace openclaw::channels::slack {
namespace {

using nlohmann::json;
using testsupport::FakeSlack;
using namespace std::chrono_literals;

class SlackAccountTest : public ::testing::Test {
 protected:
  std::unique_ptr<Channel> start(const json& extra = json::object()) {
    json block = {{"botToken", FakeSlack::kBotToken},
                  {"appToken", FakeSlack::kAppToken},
                  {"apiRoot", slack_.apiRoot()},
                  {"dmPolicy", "open"},
                  {"allowFrom", {"*"}}};
    block.merge_patch(extra);
    return host_.onLoop([&] {
      auto channel = makeSlackChannel(host_, block, router_);
      channel->start();
      return channel;
    });
  }

  void stop(std::unique_ptr<Channel> channel) {
    host_.onLoop([&] {
      channel->stop([] {});
      channel.reset();
      return 0;
    });
  }

  json probe(Channel& channel) {
    std::promise<json> result;
    host_.onLoop([&] {
      channel.probe("default", 5s, [&](ProbeResult answer) { result.set_value(answer); });
      return 0;
    });
    return result.get_future().get();
  }

  FakeSlack slack_;
  irc::RecordingHost host_;
  rpc::HttpRouter router_;
};

TEST_F(SlackAccountTest, MissingAppTokenIsReportedAndNothingIsCalled) {
  auto channel = start({{"appToken", nullptr}});
  const AccountStatus status = host_.onLoop([&] { return channel->status().at(0); });
  EXPECT_FALSE(status.configured);
  EXPECT_FALSE(status.connected);
  EXPECT_EQ(status.lastError, "no app-level token for Socket Mode (appToken or SLACK_APP_TOKEN)");
  EXPECT_TRUE(slack_.calls().empty());
  stop(std::move(channel));
}

TEST_F(SlackAccountTest, ARefusedAppTokenStopsTheAccountWithLastError) {
  auto channel = start({{"appToken", "xapp-not-known"}});
  const AccountStatus status =
      host_.waitForStatus(*channel, [](const AccountStatus& s) { return !s.lastError.empty(); });
  EXPECT_FALSE(status.connected);
  EXPECT_EQ(status.lastError,
            "slack refused the app-level token (invalid_auth): appToken must be an xapp- token "
            "with connections:write");
  EXPECT_EQ(slack_.calls("apps.connections.open").size(), 1u);
  stop(std::move(channel));
}

TEST_F(SlackAccountTest, ProbeCallsAuthTest) {
  auto channel = start();
  host_.waitForStatus(*channel, [](const AccountStatus& s) { return s.connected; });
  const json ok = probe(*channel);
  EXPECT_EQ(ok.at("ok"), true);
  EXPECT_EQ(ok.at("bot").at("id"), FakeSlack::kBotUserId);
  EXPECT_EQ(ok.at("team").at("id"), "T0001");
  EXPECT_TRUE(ok.at("elapsedMs").is_number());
  slack_.revoke(FakeSlack::kBotToken);
  const json refused = probe(*channel);
  EXPECT_EQ(refused.at("ok"), false);
  EXPECT_EQ(refused.at("error"), "token_revoked");
  stop(std::move(channel));
}

TEST_F(SlackAccountTest, BadFramesAreIgnoredAndAnOversizedOneReconnects) {
  auto channel = start();
  host_.waitForStatus(*channel, [](const AccountStatus& s) { return s.connected; });
  slack_.sendRaw("not json");
  slack_.sendRaw(std::string(500, '[') + std::string(500, ']'));
  slack_.sendRaw(R"({"type":"events_api","envelope_id":"odd","payload":"not an object"})");
  slack_.pushEvent(slack_.messageEvent("D1", "U1", "still listening"));
  EXPECT_EQ(host_.nextMessage().text, "still listening");
  EXPECT_TRUE(slack_.waitForAck("odd", 10s));  // dropped events are acknowledged

  slack_.sendRaw(std::string(2 * 1024 * 1024, ' '));  // past the 1 MiB frame limit
  ASSERT_TRUE(slack_.waitForConnections(2, 20s));
  slack_.pushEvent(slack_.messageEvent("D1", "U1", "after the reconnect"));
  EXPECT_EQ(host_.nextMessage().text, "after the reconnect");
  stop(std::move(channel));
}

TEST_F(SlackAccountTest, LinkDisabledStopsTheAccount) {
  auto channel = start();
  host_.waitForStatus(*channel, [](const AccountStatus& s) { return s.connected; });
  slack_.sendDisconnect("link_disabled");
  const AccountStatus status =
      host_.waitForStatus(*channel, [](const AccountStatus& s) { return !s.lastError.empty(); });
  EXPECT_FALSE(status.connected);
  EXPECT_EQ(status.lastError, "Socket Mode was turned off for the app (link_disabled)");
  EXPECT_EQ(host_.send(*channel, "D1", "x").error().code, "NOT_LINKED");
  stop(std::move(channel));
}

}  // namespace
}  // namespace openclaw::channels::slack
