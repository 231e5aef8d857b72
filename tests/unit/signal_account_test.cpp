// The Signal channel in process: an event loop standing in for the gateway (RecordingHost from
// the IRC fixture) and the fake signal-cli daemon.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <future>
#include <optional>

#include "channels/signal/signal_channel.h"
#include "fake_signal_cli.h"
#include "irc_channel_fixture.h"
#include "rpc/http_router.h"

namespace openclaw::channels::signal {
namespace {

using irc::RecordingHost;
using nlohmann::json;
using testsupport::FakeSignalCli;
using namespace std::chrono_literals;

constexpr const char* kBot = "+15550009999";

class SignalAccountTest : public ::testing::Test {
 protected:
  std::unique_ptr<Channel> start(const json& block) {
    return host_.onLoop([&] {
      auto channel = makeSignalChannel(host_, block, router_);
      channel->start();
      return channel;
    });
  }

  void stop(std::unique_ptr<Channel>& channel) {
    std::promise<void> stopped;
    host_.onLoop([&] {
      channel->stop([&stopped] { stopped.set_value(); });
      return 0;
    });
    ASSERT_EQ(stopped.get_future().wait_for(10s), std::future_status::ready);
    host_.onLoop([&] {
      channel.reset();
      return 0;
    });
  }

  ProbeResult probe(Channel& channel) {
    std::promise<ProbeResult> result;
    host_.onLoop([&] {
      channel.probe("default", 2s, [&result](ProbeResult r) { result.set_value(std::move(r)); });
      return 0;
    });
    auto future = result.get_future();
    if (future.wait_for(10s) != std::future_status::ready) throw std::runtime_error("probe hung");
    return future.get();
  }

  RecordingHost host_;
  rpc::HttpRouter router_;
};

json external(const std::string& url) {
  return {{"account", kBot}, {"transport", {{"kind", "external-native"}, {"url", url}}}};
}

TEST_F(SignalAccountTest, ProbeAsksTheDaemonForItsVersion) {
  FakeSignalCli fake;
  auto channel = start(external(fake.url()));
  const ProbeResult ok = probe(*channel);
  EXPECT_EQ(ok.at("ok"), true) << ok.dump();
  EXPECT_EQ(ok.at("version"), "0.13.99-fake");
  EXPECT_EQ(ok.at("account"), kBot);
  EXPECT_TRUE(ok.at("elapsedMs").is_number());
  stop(channel);

  std::string gone;
  {
    FakeSignalCli down;
    gone = down.url();
  }
  channel = start(external(gone));
  const ProbeResult failed = probe(*channel);
  EXPECT_EQ(failed.at("ok"), false);
  EXPECT_NE(failed.at("error").get<std::string>().find("signal-cli at " + gone), std::string::npos)
      << failed.dump();
  stop(channel);
}

TEST_F(SignalAccountTest, LosingTheDaemonIsReportedAndSendsAreNotLinked) {
  auto fake = std::make_unique<FakeSignalCli>();
  const std::string url = fake->url();
  auto channel = start(external(url));
  host_.waitForStatus(*channel, [](const AccountStatus& s) { return s.connected; });
  fake.reset();  // the daemon goes away
  const AccountStatus lost = host_.waitForStatus(
      *channel, [](const AccountStatus& s) { return !s.connected && s.reconnectAttempts > 0; });
  EXPECT_NE(lost.lastError.find("signal-cli at " + url), std::string::npos) << lost.lastError;
  const SendResult refused = host_.send(*channel, "+15550001111", "hello?");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, protocol::codes::kNotLinked);
  stop(channel);
}

// A managed daemon that exits (here: an unregistered number) is reported with its exit code
// and last output line, and started again.
TEST_F(SignalAccountTest, ManagedDaemonExitIsReportedAndRestarted) {
  testsupport::TempDir dir;
  const auto runs = dir.path() / "runs";
  const auto script =
      dir.write("signal-cli", "#!/bin/sh\necho run >> " + runs.string() + "\necho \"User " + kBot +
                                  " is not registered.\" >&2\nexit 1\n");
  ::chmod(script.c_str(), 0755);
  auto channel = start({{"account", kBot},
                        {"transport",
                         {{"kind", "managed-native"},
                          {"cliPath", script.string()},
                          {"httpPort", 1},
                          {"startupTimeoutMs", 1000}}}});
  const AccountStatus failed = host_.waitForStatus(*channel, [](const AccountStatus& s) {
    return s.lastError.find("exited with code 1") != std::string::npos;
  });
  EXPECT_EQ(failed.lastError,
            std::string("signal-cli exited with code 1: User ") + kBot + " is not registered.");
  EXPECT_FALSE(failed.connected);
  EXPECT_EQ(failed.mode, "managed-native");
  host_.waitForStatus(*channel, [&](const AccountStatus&) {
    std::ifstream in(runs);
    std::string line;
    int count = 0;
    while (std::getline(in, line)) ++count;
    return count >= 2;  // restarted after the backoff
  });
  stop(channel);
}

TEST_F(SignalAccountTest, WithoutANumberTheAccountIsNotConfigured) {
  auto channel =
      start({{"transport", {{"kind", "external-native"}, {"url", "http://127.0.0.1:1"}}}});
  const AccountStatus status = host_.onLoop([&] { return channel->status().at(0); });
  EXPECT_FALSE(status.configured);
  EXPECT_NE(status.lastError.find("no account number"), std::string::npos);
  EXPECT_EQ(probe(*channel).at("ok"), false);
  stop(channel);
}

}  // namespace
}  // namespace openclaw::channels::signal
