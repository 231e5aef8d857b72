// A Discord account in process against the fake Discord: the live probe, stopping, and logout
// forgetting the stored Gateway session.
#include <gtest/gtest.h>

#include "channels/discord/discord_channel.h"
#include "fake_discord.h"
#include "irc_channel_fixture.h"
#include "rpc/http_router.h"

namespace openclaw::channels::discord {
namespace {

using nlohmann::json;
using testsupport::FakeDiscord;
using namespace std::chrono_literals;

class DiscordAccountTest : public ::testing::Test {
 protected:
  ~DiscordAccountTest() override {
    if (channel_) {
      std::promise<void> stopped;
      host_.onLoop([&] {
        channel_->stop([&] { stopped.set_value(); });
        return 0;
      });
      stopped.get_future().wait_for(10s);
      host_.onLoop([&] {
        channel_.reset();
        return 0;
      });
    }
  }

  Channel& make(const json& block) {
    channel_ = host_.onLoop([&] { return makeDiscordChannel(host_, block, router_); });
    return *channel_;
  }

  json probe(const std::string& accountId) {
    std::promise<json> answer;
    host_.onLoop([&] {
      channel_->probe(accountId, 5s, [&](ProbeResult result) { answer.set_value(result); });
      return 0;
    });
    auto future = answer.get_future();
    if (future.wait_for(10s) != std::future_status::ready) throw std::runtime_error("no probe");
    return future.get();
  }

  std::optional<std::string> stored(const std::string& accountId) {
    std::promise<std::optional<std::string>> value;
    host_.onLoop([&] {
      host_.loadState(accountId, "gatewaySession",
                      [&](std::optional<std::string> found) { value.set_value(found); });
      return 0;
    });
    return value.get_future().get();
  }

  FakeDiscord fake_;
  irc::RecordingHost host_;
  rpc::HttpRouter router_;
  std::unique_ptr<Channel> channel_;
};

TEST_F(DiscordAccountTest, ProbeReportsTheBotOrTheRefusal) {
  FakeDiscord other("other-token.x", "900000000000000077", "other-bot");
  make({{"accounts",
         {{"good", {{"token", FakeDiscord::kToken}, {"apiRoot", fake_.apiRoot()}}},
          {"bad", {{"token", "wrong"}, {"apiRoot", other.apiRoot()}}}}}});
  const json good = probe("good");
  EXPECT_EQ(good.at("ok"), true) << good.dump();
  EXPECT_EQ(good.at("bot").at("id"), fake_.botId());
  EXPECT_TRUE(good.at("elapsedMs").is_number_integer());
  const json bad = probe("bad");
  EXPECT_EQ(bad.at("ok"), false);
  EXPECT_NE(bad.at("error").get<std::string>().find("unauthorized"), std::string::npos);
}

TEST_F(DiscordAccountTest, LogoutForgetsTheStoredSession) {
  Channel& channel = make({{"token", FakeDiscord::kToken}, {"apiRoot", fake_.apiRoot()}});
  host_.onLoop([&] {
    channel.start();
    return 0;
  });
  host_.waitForStatus(channel, [](const AccountStatus& status) { return status.connected; });
  ASSERT_TRUE(stored("default").has_value());
  EXPECT_NE(stored("default")->find("session-1"), std::string::npos);

  std::promise<protocol::Result<LogoutResult>> loggedOut;
  host_.onLoop([&] {
    channel.logout("default", [&](protocol::Result<LogoutResult> result) {
      loggedOut.set_value(std::move(result));
    });
    return 0;
  });
  auto result = loggedOut.get_future().get();
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->cleared);
  EXPECT_EQ(stored("default").value_or(""), "");
  const AccountStatus status = host_.onLoop([&] { return channel.status().at(0); });
  EXPECT_FALSE(status.connected);
  EXPECT_FALSE(status.running);
}

TEST_F(DiscordAccountTest, WithoutATokenTheAccountSaysSo) {
  Channel& channel = make({{"apiRoot", fake_.apiRoot()}});
  host_.onLoop([&] {
    channel.start();
    return 0;
  });
  const AccountStatus status = host_.onLoop([&] { return channel.status().at(0); });
  EXPECT_FALSE(status.configured);
  EXPECT_FALSE(status.connected);
  EXPECT_NE(status.lastError.find("no bot token"), std::string::npos);
  EXPECT_EQ(probe("default").at("ok"), false);
}

}  // namespace
}  // namespace openclaw::channels::discord
