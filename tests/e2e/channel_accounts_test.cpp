// Several accounts of one channel, their lifecycle (channels.start/stop/logout), the live probe
// of channels.status, and media on both directions, end to end: the real gateway binary, the
// fake Telegram Bot API (two bots on it) and the scripted model server.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "auth/base64url.h"
#include "fake_telegram.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::FakeTelegram;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

constexpr std::int64_t kUser = 4242;
constexpr std::int64_t kStranger = 777;
constexpr const char* kWorkToken = "222222:work-bot-token";
constexpr std::int64_t kWorkBotId = 222222;
constexpr auto kDeadline = 20s;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, 'p');
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(200, 'j');

// Two bots on one fake API: "default" (open DMs) and "work" (its own token, only kUser).
json twoAccounts(const ScriptedProvider& provider, const FakeTelegram& telegram,
                 const std::filesystem::path& workspace) {
  json config = provider.gatewayConfig();
  config["agents"]["defaults"]["workspace"] = workspace.string();
  config["channels"] = {{"telegram",
                         {{"apiRoot", telegram.apiRoot()},
                          {"pollTimeoutSeconds", 1},
                          {"dmPolicy", "open"},
                          {"allowFrom", {"*"}},
                          {"accounts",
                           {{"default", {{"botToken", FakeTelegram::kToken}}},
                            {"work",
                             {{"botToken", kWorkToken},
                              {"dmPolicy", "allowlist"},
                              {"allowFrom", {std::to_string(kUser)}}}}}}}}};
  return config;
}

json accountsOf(client::GatewayClient& client, const json& params = json::object()) {
  json byId = json::object();
  const json status = client.call("channels.status", params, 40s);
  for (const json& account : status.at("channelAccounts").at("telegram")) {
    byId[account.at("accountId").get<std::string>()] = account;
  }
  return byId;
}

// Waits until the account's status satisfies `ready`.
bool waitForAccount(client::GatewayClient& client, const std::string& accountId,
                    const std::function<bool(const json&)>& ready) {
  const auto until = std::chrono::steady_clock::now() + kDeadline;
  while (std::chrono::steady_clock::now() < until) {
    const json accounts = accountsOf(client);
    if (accounts.contains(accountId) && ready(accounts.at(accountId))) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

bool connected(const json& account) { return account.value("connected", false); }

class ChannelAccounts : public ::testing::Test {
 protected:
  void SetUp() override { telegram_.addBot(kWorkToken, kWorkBotId, "work_bot"); }

  void startGateway(json config) {
    gateway_ = std::make_unique<GatewayProcess>(std::move(config));
    gateway_->start();
    client_ = std::make_unique<client::GatewayClient>(gateway_->connect());
    ASSERT_TRUE(waitForAccount(*client_, "default", connected)) << gateway_->output();
    ASSERT_TRUE(waitForAccount(*client_, "work", connected)) << gateway_->output();
  }

  json send(const json& params) {
    json full = params;
    full["channel"] = "telegram";
    full["idempotencyKey"] = "k-" + std::to_string(++sends_);
    return client_->request("send", full, 40s);
  }

  ScriptedProvider provider_;
  FakeTelegram telegram_;
  TempHome workspace_;
  std::unique_ptr<GatewayProcess> gateway_;
  std::unique_ptr<client::GatewayClient> client_;
  int sends_ = 0;
};

TEST_F(ChannelAccounts, TwoBotsRunAtOnceWithTheirOwnTokensAndPolicies) {
  provider_.enqueue(ScriptedReply::text({"from default"}));
  provider_.enqueue(ScriptedReply::text({"from work"}));
  startGateway(twoAccounts(provider_, telegram_, workspace_.path()));

  telegram_.pushMessage(kUser, kUser, "hi default");
  ASSERT_EQ(telegram_.waitForSent(1, kDeadline).size(), 1u) << gateway_->output();
  telegram_.pushMessage(kStranger, kStranger, "let me in", "private", kWorkToken);  // dropped
  telegram_.pushMessage(kUser, kUser, "hi work", "private", kWorkToken);
  ASSERT_EQ(telegram_.waitForSent(2, kDeadline).size(), 2u) << gateway_->output();

  const auto sent = telegram_.sentMessages();
  EXPECT_EQ(sent.at(0).at("token"), FakeTelegram::kToken);
  EXPECT_EQ(sent.at(0).at("text"), "from default");
  EXPECT_EQ(sent.at(1).at("token"), kWorkToken);
  EXPECT_EQ(sent.at(1).at("text"), "from work");
  EXPECT_EQ(provider_.userPrompts(), (std::vector<std::string>{"hi default", "hi work"}));

  const json accounts = accountsOf(*client_);
  EXPECT_EQ(accounts.at("default").at("dmPolicy"), "open");
  EXPECT_EQ(accounts.at("work").at("dmPolicy"), "allowlist");
  EXPECT_EQ(accounts.at("work").at("allowFrom"), json::array({std::to_string(kUser)}));
  // A message to the work bot by someone else in the same turn order would have been answered
  // by now: the stranger got nothing.
  EXPECT_EQ(telegram_.sentMessages().size(), 2u);
}

TEST_F(ChannelAccounts, SendGoesThroughTheNamedAccount) {
  startGateway(twoAccounts(provider_, telegram_, workspace_.path()));
  const json viaWork =
      send({{"to", std::to_string(kUser)}, {"message", "hi"}, {"accountId", "work"}});
  ASSERT_TRUE(viaWork.value("ok", false)) << viaWork.dump();
  const json viaDefault = send({{"to", std::to_string(kUser)}, {"message", "hello"}});
  ASSERT_TRUE(viaDefault.value("ok", false)) << viaDefault.dump();
  const auto sent = telegram_.sentMessages();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent.at(0).at("token"), kWorkToken);
  EXPECT_EQ(sent.at(1).at("token"), FakeTelegram::kToken);

  const json unknown = send({{"to", "1"}, {"message", "x"}, {"accountId", "nope"}});
  EXPECT_EQ(unknown.at("error").at("code"), "INVALID_REQUEST") << unknown.dump();
  EXPECT_NE(unknown.at("error").at("message").get<std::string>().find("nope"), std::string::npos);
}

TEST_F(ChannelAccounts, OneAccountStopsStartsAndLogsOutWhileTheOtherKeepsRunning) {
  provider_.enqueue(ScriptedReply::text({"still here"}));
  startGateway(twoAccounts(provider_, telegram_, workspace_.path()));

  const json stopped =
      client_->call("channels.stop", {{"channel", "telegram"}, {"accountId", "work"}});
  EXPECT_EQ(stopped, json({{"channel", "telegram"}, {"accountId", "work"}, {"stopped", true}}));
  json accounts = accountsOf(*client_);
  EXPECT_FALSE(accounts.at("work").at("running"));
  EXPECT_TRUE(accounts.at("default").at("running"));
  const json refused = send({{"to", "1"}, {"message", "x"}, {"accountId", "work"}});
  EXPECT_EQ(refused.at("error").at("code"), "NOT_LINKED") << refused.dump();

  telegram_.pushMessage(kUser, kUser, "anyone?");
  ASSERT_EQ(telegram_.waitForSent(1, kDeadline).size(), 1u) << gateway_->output();
  EXPECT_EQ(telegram_.sentMessages().at(0).at("token"), FakeTelegram::kToken);

  const json started =
      client_->call("channels.start", {{"channel", "telegram"}, {"accountId", "work"}});
  EXPECT_EQ(started.at("started"), true);
  EXPECT_EQ(started.at("outcome"), json({{"status", "handed-off"}}));
  ASSERT_TRUE(waitForAccount(*client_, "work", connected));
  const json again =
      client_->call("channels.start", {{"channel", "telegram"}, {"accountId", "work"}});
  EXPECT_EQ(again.at("outcome").at("reason"), "already-running");

  const json loggedOut =
      client_->call("channels.logout", {{"channel", "telegram"}, {"accountId", "work"}});
  EXPECT_EQ(loggedOut.at("accountId"), "work");
  EXPECT_EQ(loggedOut.at("cleared"), true);
  EXPECT_FALSE(accountsOf(*client_).at("work").at("running"));
  EXPECT_TRUE(accountsOf(*client_).at("default").at("connected"));

  // Lifecycle needs operator.admin and a known channel and account.
  for (const auto& [method, params] :
       {std::pair{"channels.stop", json{{"channel", "nope"}}},
        std::pair{"channels.start", json{{"channel", "telegram"}, {"accountId", "nope"}}},
        std::pair{"channels.logout", json{{"channel", "irc"}}}}) {
    const json answer = client_->request(method, params);
    EXPECT_EQ(answer.at("error").at("code"), "INVALID_REQUEST") << method << answer.dump();
  }
  client::ConnectOptions reader = gateway_->clientOptions();
  reader.scopes = {"operator.read"};
  client::GatewayClient readOnly(reader);
  readOnly.connect();
  EXPECT_EQ(readOnly.request("channels.stop", {{"channel", "telegram"}}).at("error").at("code"),
            "FORBIDDEN");
}

TEST_F(ChannelAccounts, StatusProbeChecksEachAccountLive) {
  json config = twoAccounts(provider_, telegram_, workspace_.path());
  config["channels"]["telegram"]["accounts"]["broken"] = {{"botToken", "1:revoked"}};
  gateway_ = std::make_unique<GatewayProcess>(config);
  gateway_->start();
  client_ = std::make_unique<client::GatewayClient>(gateway_->connect());
  const std::size_t getMesBefore = telegram_.calls("getMe").size();
  const json accounts = accountsOf(*client_, {{"probe", true}, {"timeoutMs", 5000}});
  EXPECT_EQ(accounts.at("default").at("probe").at("ok"), true) << accounts.dump();
  EXPECT_EQ(accounts.at("default").at("probe").at("bot").at("username"),
            FakeTelegram::kBotUsername);
  EXPECT_EQ(accounts.at("work").at("probe").at("bot").at("id"), kWorkBotId);
  EXPECT_TRUE(accounts.at("work").at("lastProbeAt").is_number_integer());
  EXPECT_EQ(accounts.at("broken").at("probe").at("ok"), false);
  EXPECT_EQ(accounts.at("broken").at("lastError"), "unauthorized: check the bot token");
  EXPECT_GE(telegram_.calls("getMe").size(), getMesBefore + 3);
  // Without probe there is no probe entry.
  EXPECT_FALSE(accountsOf(*client_).at("default").contains("probe"));
}

TEST_F(ChannelAccounts, ReceivedFilesAreSavedAndNamedInTheTurn) {
  provider_.enqueue(ScriptedReply::text({"nice photo"}));
  provider_.enqueue(ScriptedReply::text({"got the doc"}));
  provider_.enqueue(ScriptedReply::text({"too big"}));
  startGateway(twoAccounts(provider_, telegram_, workspace_.path()));

  telegram_.pushFile(kUser, kUser, "photo", kJpeg, "look at this");
  ASSERT_EQ(telegram_.waitForSent(1, kDeadline).size(), 1u) << gateway_->output();
  telegram_.pushFile(kUser, kUser, "document", "%PDF-1.4 hello", "", "report.pdf",
                     "application/pdf");
  ASSERT_EQ(telegram_.waitForSent(2, kDeadline).size(), 2u) << gateway_->output();
  telegram_.pushFile(kUser, kUser, "video", "x", "huge", "clip.mp4", "video/mp4",
                     30ull * 1024 * 1024);
  ASSERT_EQ(telegram_.waitForSent(3, kDeadline).size(), 3u) << gateway_->output();

  const auto prompts = provider_.userPrompts();
  ASSERT_EQ(prompts.size(), 3u);
  const std::regex saved(R"(\[attachment: (\S+) \(([^,]+), (\d+) bytes\) saved at (\S+)\])");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(prompts[0], match, saved)) << prompts[0];
  EXPECT_TRUE(prompts[0].starts_with("look at this\n"));
  EXPECT_EQ(match[2], "image/jpeg");
  EXPECT_EQ(std::stoul(match[3]), kJpeg.size());
  const std::filesystem::path photo = match[4].str();
  EXPECT_TRUE(photo.string().starts_with((workspace_.path() / "media" / "inbound").string()))
      << photo;
  std::ifstream in(photo, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), kJpeg);

  ASSERT_TRUE(std::regex_search(prompts[1], match, saved)) << prompts[1];
  EXPECT_EQ(match[2], "application/pdf");
  EXPECT_TRUE(match[1].str().ends_with("report.pdf"));
  // Over the Bot API's download limit: not fetched, and the turn says so.
  EXPECT_NE(prompts[2].find("[attachment clip.mp4 (video/mp4) not saved:"), std::string::npos)
      << prompts[2];
  EXPECT_EQ(telegram_.calls("download").size(), 2u);
}

TEST_F(ChannelAccounts, SendUploadsPhotosAndDocuments) {
  startGateway(twoAccounts(provider_, telegram_, workspace_.path()));
  std::filesystem::create_directories(workspace_.path() / "out");
  std::ofstream(workspace_.path() / "out" / "report.pdf") << "%PDF-1.4 report";

  const json photo = send({{"to", std::to_string(kUser)},
                           {"message", "the chart"},
                           {"buffer", auth::base64UrlEncode(kPng)},
                           {"filename", "chart.png"}});
  ASSERT_TRUE(photo.value("ok", false)) << photo.dump();
  const json document = send({{"to", std::to_string(kUser)},
                              {"accountId", "work"},
                              {"mediaUrl", (workspace_.path() / "out" / "report.pdf").string()}});
  ASSERT_TRUE(document.value("ok", false)) << document.dump();

  const auto files = telegram_.waitForFiles(2, kDeadline);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].at("method"), "sendPhoto");
  EXPECT_EQ(files[0].at("caption"), "the chart");
  EXPECT_EQ(files[0].at("filename"), "chart.png");
  EXPECT_EQ(files[0].at("content_type"), "image/png");
  EXPECT_EQ(files[0].at("data"), kPng);
  EXPECT_EQ(files[0].at("chat_id"), std::to_string(kUser));
  EXPECT_EQ(files[1].at("method"), "sendDocument");
  EXPECT_EQ(files[1].at("token"), kWorkToken);
  EXPECT_EQ(files[1].at("filename"), "report.pdf");
  EXPECT_EQ(files[1].at("content_type"), "application/pdf");
  EXPECT_TRUE(telegram_.sentMessages().empty());  // the text went as the caption
}

TEST_F(ChannelAccounts, BadMediaParamsNameTheField) {
  startGateway(twoAccounts(provider_, telegram_, workspace_.path()));
  // A file over the limit (sparse: no disk used).
  {
    std::ofstream big(workspace_.path() / "big.bin");
    big.seekp(26 * 1024 * 1024);
    big << 'x';
  }
  const auto refusal = [&](const json& params) {
    json full = params;
    full["to"] = std::to_string(kUser);
    const json answer = send(full);
    EXPECT_EQ(answer.at("error").at("code"), "INVALID_REQUEST") << answer.dump();
    return answer.at("error").value("message", "");
  };
  EXPECT_EQ(refusal({{"buffer", "%%%not base64"}}), "buffer: not valid base64");
  EXPECT_TRUE(
      refusal({{"mediaUrl", "/etc/hostname"}}).starts_with("mediaUrl: /etc/hostname is outside"));
  EXPECT_TRUE(refusal({{"mediaUrl", (workspace_.path() / "big.bin").string()}})
                  .ends_with("is larger than the limit of 25 MiB"));
  EXPECT_TRUE(refusal({{"mediaUrls", {"missing.png"}}}).starts_with("mediaUrls[0]: cannot read"));
  const std::string ssrf = refusal({{"mediaUrl", "http://127.0.0.1:9/x.png"}});
  EXPECT_NE(ssrf.find("127.0.0.1 is loopback"), std::string::npos) << ssrf;
  EXPECT_NE(refusal({{"mediaUrl", "ftp://example.com/x"}}).find("unsupported URL scheme"),
            std::string::npos);
  const json unknownChannel = client_->request(
      "send", {{"to", "1"}, {"message", "x"}, {"channel", "fax"}, {"idempotencyKey", "u1"}});
  EXPECT_EQ(unknownChannel.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_TRUE(telegram_.sentFiles().empty());
  EXPECT_TRUE(telegram_.sentMessages().empty());
}

}  // namespace
}  // namespace openclaw::e2e
