// `openclaw channels list|add|remove|login|logout|status` and `message send --media` end to end:
// the real CLI against the config file alone, and against a running gateway whose hot reload
// applies the edit (the fake Telegram Bot API behind it).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "fake_telegram.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::FakeTelegram;
using testsupport::ScriptedProvider;
using namespace std::chrono_literals;

constexpr const char* kWorkToken = "222222:work-bot-token";
constexpr auto kDeadline = 20s;

json readConfig(const std::filesystem::path& home) {
  std::ifstream in(home / ".openclaw" / "openclaw.json");
  return json::parse(in, nullptr, false);
}

TEST(CliChannels, AddListAndRemoveEditTheConfigFileWithoutAGateway) {
  TempHome home;
  CommandResult result =
      runCli({"channels", "add", "--channel", "telegram", "--token", "111:aaa"}, home.path());
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  EXPECT_NE(result.out.find("written to the config file"), std::string::npos) << result.out;
  EXPECT_EQ(readConfig(home.path()).at("channels").at("telegram"),
            json({{"botToken", "111:aaa"}, {"enabled", true}}));

  // A second account: the single top-level one stays as "default".
  result = runCli({"channels", "add", "telegram", "--account", "work", "--token", "222:bbb"},
                  home.path());
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  const json telegram = readConfig(home.path()).at("channels").at("telegram");
  EXPECT_EQ(telegram.at("botToken"), "111:aaa");
  EXPECT_EQ(
      telegram.at("accounts"),
      json({{"default", json::object()}, {"work", {{"botToken", "222:bbb"}, {"enabled", true}}}}));

  result = runCli({"channels", "list", "--json"}, home.path());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const json listed = json::parse(result.out);
  ASSERT_EQ(listed.at("channels").size(), 1u);
  EXPECT_EQ(listed.at("channels").at(0).at("accounts").size(), 2u);
  EXPECT_EQ(listed.at("channels").at(0).at("accounts").at(1).at("accountId"), "work");

  result =
      runCli({"channels", "remove", "--channel", "telegram", "--account", "work"}, home.path());
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  EXPECT_EQ(readConfig(home.path())["channels"]["telegram"]["accounts"]["work"]["enabled"], false);
  result = runCli({"channels", "remove", "--channel", "telegram", "--account", "work", "--delete"},
                  home.path());
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  EXPECT_FALSE(readConfig(home.path())["channels"]["telegram"]["accounts"].contains("work"));

  // Refused before anything is written, naming the problem.
  const json before = readConfig(home.path());
  result = runCli({"channels", "add", "--channel", "telegram", "--account", "Bad!", "--token", "x"},
                  home.path());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("channels.telegram.accounts"), std::string::npos) << result.err;
  result =
      runCli({"channels", "add", "--channel", "telegram", "--host", "irc.example"}, home.path());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("--host does not apply to telegram"), std::string::npos) << result.err;
  result = runCli({"channels", "add", "--channel", "fax"}, home.path());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("unknown channel: fax"), std::string::npos) << result.err;
  result =
      runCli({"channels", "remove", "--channel", "telegram", "--account", "ghost"}, home.path());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_EQ(readConfig(home.path()), before);
}

class CliChannelsWithGateway : public ::testing::Test {
 protected:
  void SetUp() override {
    telegram_.addBot(kWorkToken, 222222, "work_bot");
    json config = provider_.gatewayConfig();
    config["channels"] = {{"telegram",
                           {{"botToken", FakeTelegram::kToken},
                            {"apiRoot", telegram_.apiRoot()},
                            {"pollTimeoutSeconds", 1},
                            {"dmPolicy", "open"},
                            {"allowFrom", {"*"}}}}};
    gateway_ = std::make_unique<GatewayProcess>(config);
    gateway_->start();
  }

  CommandResult cli(std::vector<std::string> args, bool token = true) {
    args.insert(args.end(), {"--url", gateway_->url()});
    // The setup commands take the channel's token as --token (as upstream), the gateway's as
    // --gateway-token.
    const bool setup = args.at(0) == "channels" &&
                       (args.at(1) == "add" || args.at(1) == "login" || args.at(1) == "remove");
    if (token) {
      args.insert(args.end(), {setup ? "--gateway-token" : "--token", GatewayProcess::kToken});
    }
    return runCli(args, gateway_->home().path());
  }

  json accounts() {
    json byId = json::object();
    auto client = gateway_->connect();
    const json status = client.call("channels.status");
    for (const json& account : status.at("channelAccounts").at("telegram")) {
      byId[account.at("accountId").get<std::string>()] = account;
    }
    return byId;
  }

  bool waitFor(const std::function<bool(const json&)>& ready) {
    const auto until = std::chrono::steady_clock::now() + kDeadline;
    while (std::chrono::steady_clock::now() < until) {
      if (ready(accounts())) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  ScriptedProvider provider_;
  FakeTelegram telegram_;
  std::unique_ptr<GatewayProcess> gateway_;
};

TEST_F(CliChannelsWithGateway, AddIsAppliedByTheRunningGatewayAndLogoutStopsTheAccount) {
  CommandResult result =
      cli({"channels", "add", "--channel", "telegram", "--account", "work", "--token", kWorkToken});
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  EXPECT_NE(result.out.find("applied by the running gateway"), std::string::npos) << result.out;
  // The file changed (atomically, by the gateway) and the hot reload started the new bot while
  // the first one kept its link.
  const json written = readConfig(gateway_->home().path());
  EXPECT_EQ(written.at("channels").at("telegram").at("accounts").at("work").at("botToken"),
            kWorkToken);
  ASSERT_TRUE(waitFor([](const json& a) {
    return a.contains("work") && a.at("work").value("connected", false) &&
           a.at("default").value("connected", false);
  })) << gateway_->output();

  result = cli({"channels", "status", "--probe", "--json"});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const json status = json::parse(result.out);
  for (const json& account : status.at("channelAccounts").at("telegram")) {
    EXPECT_EQ(account.at("probe").at("ok"), true) << account.dump();
  }
  result = cli({"channels", "status", "--probe"});
  EXPECT_NE(result.out.find("probe ok"), std::string::npos) << result.out;

  result = cli({"channels", "logout", "--channel", "telegram", "--account", "work"});
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  EXPECT_NE(result.out.find("Logged out telegram account work"), std::string::npos);
  EXPECT_FALSE(accounts().at("work").at("running"));

  result = cli(
      {"channels", "login", "--channel", "telegram", "--account", "work", "--token", kWorkToken});
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  ASSERT_TRUE(waitFor([](const json& a) { return a.at("work").value("connected", false); }))
      << gateway_->output();

  result = cli({"channels", "remove", "--channel", "telegram", "--account", "work"});
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  ASSERT_TRUE(waitFor([](const json& a) { return !a.at("work").value("running", true); }));
  EXPECT_TRUE(accounts().at("default").at("connected"));

  // Without the gateway's credentials nothing is written (and nothing falls back to the file).
  const json before = readConfig(gateway_->home().path());
  result =
      cli({"channels", "add", "--channel", "telegram", "--account", "x", "--token", "1:x"}, false);
  EXPECT_NE(result.exitCode, 0);
  EXPECT_EQ(readConfig(gateway_->home().path()), before);
}

TEST_F(CliChannelsWithGateway, MessageSendAttachesALocalFileOrAUrl) {
  ASSERT_TRUE(waitFor([](const json& a) { return a.at("default").value("connected", false); }));
  TempHome files;
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "pixels";
  const auto path = files.write("chart.png", png);
  CommandResult result = cli({"message", "send", "--channel", "telegram", "--target", "4242",
                              "--message", "weekly chart", "--media", path.string(), "--json"});
  ASSERT_EQ(result.exitCode, 0) << result.err << result.out;
  const auto sent = telegram_.waitForFiles(1, kDeadline);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("method"), "sendPhoto");
  EXPECT_EQ(sent[0].at("caption"), "weekly chart");
  EXPECT_EQ(sent[0].at("data"), png);

  // A URL is the gateway's to fetch: a loopback one is refused by its SSRF guard.
  result = cli({"message", "send", "--target", "4242", "--media", "http://127.0.0.1:9/x.png"});
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("mediaUrls[0]"), std::string::npos) << result.err;
  result = cli({"message", "send", "--target", "4242", "--media", "/no/such/file.png"});
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("not a readable file"), std::string::npos) << result.err;
  result = cli({"message", "send", "--target", "4242", "--account", "ghost", "-m", "x"});
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("ghost"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace openclaw::e2e
