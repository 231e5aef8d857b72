// The Telegram channel end to end: the real gateway binary, a local fake Bot API
// (tests/support/fake_telegram) and the scripted model server. Messages arrive through
// getUpdates, agent replies leave through sendMessage.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>

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
constexpr auto kDeadline = 20s;

json gatewayConfig(const ScriptedProvider& provider, const std::string& apiRoot,
                   json telegram = json::object()) {
  json block = {
      {"botToken", FakeTelegram::kToken}, {"apiRoot", apiRoot}, {"pollTimeoutSeconds", 1}};
  block.merge_patch(telegram);
  json config = provider.gatewayConfig();
  config["channels"] = {{"telegram", block}};
  return config;
}

const json kOpenDms = {{"dmPolicy", "open"}, {"allowFrom", {"*"}}};

// The HTTP status of POSTing `body` (JSON) to the gateway at `path`, via curl.
int httpPost(int port, const std::string& path, const json& body, const std::string& secret) {
  TempHome scratch;
  const auto bodyFile = scratch.write("body.json", body.dump());
  const std::string command =
      "curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "
      "'X-Telegram-Bot-Api-Secret-Token: " +
      secret + "' --data-binary @" + bodyFile.string() +
      " http://127.0.0.1:" + std::to_string(port) + path;
  FILE* pipe = popen(command.c_str(), "r");
  char status[8] = {};
  const std::size_t read = fread(status, 1, sizeof status - 1, pipe);
  pclose(pipe);
  return std::atoi(std::string(status, read).c_str());
}

// The default Telegram account's entry of channels.status.
json telegramAccount(client::GatewayClient& client) {
  return client.call("channels.status").at("channelAccounts").at("telegram").at(0);
}

bool replyArrived(FakeTelegram& telegram, std::size_t count) {
  return telegram.waitForSent(count, kDeadline).size() >= count;
}

TEST(TelegramChannel, MessageGetsAnAgentReplyInTheSameChat) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"Hello ", "from the agent"}));
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  telegram.pushMessage(kUser, kUser, "hi bot");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  const json sent = telegram.sentMessages().at(0);
  EXPECT_EQ(sent.at("chat_id"), kUser);
  EXPECT_EQ(sent.at("text"), "Hello from the agent");
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"hi bot"});
  EXPECT_FALSE(telegram.calls("sendChatAction").empty());

  auto client = gateway.connect();
  const json status = client.call("channels.status");
  EXPECT_EQ(status.at("channelOrder"), json::array({"telegram"}));
  const json account = status.at("channelAccounts").at("telegram").at(0);
  EXPECT_EQ(account.at("accountId"), "default");
  EXPECT_EQ(account.at("connected"), true);
  EXPECT_EQ(account.at("mode"), "polling");
  const json health = client.call("health");
  EXPECT_EQ(health.at("channels").at("telegram").at("linked"), true);
  EXPECT_EQ(health.at("channelLabels").at("telegram"), "Telegram");
  EXPECT_EQ(health.at("linkChannel"),
            json({{"id", "telegram"}, {"label", "Telegram"}, {"linked", true}}));
}

// WebChat and the channels share session keys and run queues: an operator reads a Telegram
// sender's conversation and continues it with chat.send, with the earlier turns as context.
TEST(TelegramChannel, WebChatReadsAndContinuesASendersConversation) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"first answer"}));
  provider.enqueue(ScriptedReply::text({"second answer"}));
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  telegram.pushMessage(kUser, kUser, "hi bot");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();

  auto client = gateway.connect();
  const std::string key = "agent:main:telegram:direct:" + std::to_string(kUser);
  const auto transcript = [&] {
    std::vector<std::string> texts;
    const json history = client.call("chat.history", {{"sessionKey", key}});
    for (const json& message : history.at("messages")) {
      texts.push_back(message.at("content").at(0).at("text"));
    }
    return texts;
  };
  EXPECT_EQ(transcript(), (std::vector<std::string>{"hi bot", "first answer"}));
  client.call("chat.send",
              {{"sessionKey", key}, {"message", "from the web"}, {"idempotencyKey", "web-1"}});
  const json waited = client.call("agent.wait", {{"runId", "web-1"}, {"timeoutMs", 20000}}, 25s);
  EXPECT_EQ(waited.at("status"), "ok");
  EXPECT_EQ(transcript(),
            (std::vector<std::string>{"hi bot", "first answer", "from the web", "second answer"}));
  EXPECT_TRUE(contains(provider.requests().at(1).body, "first answer"));
}

TEST(TelegramChannel, GroupMessagesNeedAMention) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"group answer"}));
  GatewayProcess gateway(
      gatewayConfig(provider, telegram.apiRoot(), {{"groups", {{"-100", json::object()}}}}));
  gateway.start();
  telegram.pushMessage(-100, kUser, "just chatting", "supergroup");
  telegram.pushMessage(-100, kUser, std::string("@") + FakeTelegram::kBotUsername + " help",
                       "supergroup");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  const json sent = telegram.sentMessages().at(0);
  EXPECT_EQ(sent.at("chat_id"), -100);
  EXPECT_EQ(sent.at("text"), "group answer");
  EXPECT_TRUE(sent.contains("reply_parameters"));
  EXPECT_EQ(provider.userPrompts().size(), 1u);
}

TEST(TelegramChannel, UnknownSenderIsPairedBeforeGettingATurn) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"welcome aboard"}));
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot()));
  gateway.start();
  telegram.pushMessage(kUser, kUser, "let me in");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  const std::string codeText = telegram.sentMessages().at(0).at("text");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(codeText, match, std::regex("Pairing code: ([A-Z2-9]{8})")))
      << codeText;
  const std::string code = match[1];
  EXPECT_TRUE(provider.requests().empty());

  const CommandResult listed = runCli({"pairing", "list", "telegram", "--json", "--url",
                                       gateway.url(), "--token", GatewayProcess::kToken},
                                      gateway.home().path());
  ASSERT_EQ(listed.exitCode, 0) << listed.err;
  EXPECT_TRUE(contains(listed.out, code));
  const CommandResult approved = runCli({"pairing", "approve", "telegram", code, "--url",
                                         gateway.url(), "--token", GatewayProcess::kToken},
                                        gateway.home().path());
  ASSERT_EQ(approved.exitCode, 0) << approved.err << approved.out;

  telegram.pushMessage(kUser, kUser, "now?");
  ASSERT_TRUE(replyArrived(telegram, 2)) << gateway.output();
  EXPECT_EQ(telegram.sentMessages().at(1).at("text"), "welcome aboard");
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"now?"});

  auto client = gateway.connect();
  const json again =
      client.request("channels.pairing.approve",
                     {{"channel", "telegram"}, {"accountId", "default"}, {"requestId", code}});
  EXPECT_EQ(again.at("error").at("code"), "INVALID_REQUEST");
}

TEST(TelegramChannel, LongRepliesAreSplitAtTheTelegramLimit) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  std::string longText;
  while (longText.size() < 9000) longText += "word" + std::to_string(longText.size()) + " ";
  provider.enqueue(ScriptedReply::text({longText}));
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  telegram.pushMessage(kUser, kUser, "write a lot");
  ASSERT_TRUE(replyArrived(telegram, 3)) << gateway.output();
  std::string joined;
  for (const json& sent : telegram.sentMessages()) {
    const std::string text = sent.at("text");
    EXPECT_LE(text.size(), 4096u);
    joined += text;
  }
  EXPECT_EQ(joined, longText);
}

TEST(TelegramChannel, RateLimitedSendsAreRetriedAfterRetryAfter) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"eventually"}));
  telegram.rateLimitSends(1, 1);
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  telegram.pushMessage(kUser, kUser, "hello");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  EXPECT_EQ(telegram.sentMessages().at(0).at("text"), "eventually");
  EXPECT_EQ(telegram.calls("sendMessage").size(), 2u);
}

TEST(TelegramChannel, RestartNeitherLosesNorReplaysUpdates) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"first reply"}));
  provider.enqueue(ScriptedReply::text({"second reply"}));
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  telegram.pushMessage(kUser, kUser, "one");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  ASSERT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  telegram.pushMessage(kUser, kUser, "two");  // arrives while the gateway is down
  gateway.start();
  ASSERT_TRUE(replyArrived(telegram, 2)) << gateway.output();
  EXPECT_EQ(telegram.sentMessages().at(1).at("text"), "second reply");
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"one", "two"}));
  // The restarted gateway asked with the stored offset, so "one" was never offered again.
  const auto polls = telegram.calls("getUpdates");
  EXPECT_GT(polls.back().params.at("offset").get<std::int64_t>(), 1001);
}

TEST(TelegramChannel, CrashAfterAcknowledgingProcessesTheMessageOnce) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::hanging());  // the turn is under way when the gateway dies
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  const std::int64_t updateId = telegram.pushMessage(kUser, kUser, "survive this");
  // The offset past the update is stored once the message is journaled; the next poll shows it.
  ASSERT_TRUE(telegram.waitForCall(
      "getUpdates", [&](const json& params) { return params.value("offset", 0) > updateId; },
      kDeadline));
  ASSERT_TRUE(provider.waitForRequests(1, kDeadline));
  gateway.stop(SIGKILL);

  provider.enqueue(ScriptedReply::text({"made it"}));
  gateway.start();
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  EXPECT_EQ(telegram.sentMessages().at(0).at("text"), "made it");
  // A second restart finds nothing left to do.
  ASSERT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  gateway.start();
  ASSERT_TRUE(telegram.waitForCall(
      "getUpdates", [&](const json& params) { return params.value("offset", 0) > updateId; },
      kDeadline));
  EXPECT_EQ(telegram.sentMessages().size(), 1u);
  EXPECT_EQ(provider.userPrompts().size(), 2u);  // the interrupted call and the completed one
}

TEST(TelegramChannel, SendMethodDeliversOnceForOneIdempotencyKey) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  ASSERT_TRUE(telegram.waitForCall(
      "getUpdates", [](const json&) { return true; }, kDeadline));
  auto client = gateway.connect();
  const json params = {{"to", std::to_string(kUser)},
                       {"message", "operator says hi"},
                       {"channel", "telegram"},
                       {"idempotencyKey", "send-once-1"}};
  const json first = client.call("send", params);
  const json second = client.call("send", params);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.at("channel"), "telegram");
  EXPECT_EQ(telegram.sentMessages().size(), 1u);
  EXPECT_EQ(telegram.sentMessages().at(0).at("text"), "operator says hi");

  const CommandResult cli = runCli(
      {"message", "send", "--channel", "telegram", "--target", std::to_string(kUser), "--message",
       "from the cli", "--url", gateway.url(), "--token", GatewayProcess::kToken},
      gateway.home().path());
  ASSERT_EQ(cli.exitCode, 0) << cli.err << cli.out;
  ASSERT_TRUE(replyArrived(telegram, 2));
  EXPECT_EQ(telegram.sentMessages().at(1).at("text"), "from the cli");
}

TEST(TelegramChannel, SendIsNotLinkedWithABadTokenOrWithoutTheApi) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  std::string downRoot;
  {
    FakeTelegram gone;
    downRoot = gone.apiRoot();
  }
  for (const auto& [root, token] : {std::pair{telegram.apiRoot(), std::string("1:wrong")},
                                    std::pair{downRoot, std::string(FakeTelegram::kToken)}}) {
    GatewayProcess gateway(gatewayConfig(provider, root, {{"botToken", token}}));
    gateway.start();
    auto client = gateway.connect();
    const json refused = client.request(
        "send", {{"to", "1"}, {"message", "x"}, {"channel", "telegram"}, {"idempotencyKey", "k"}});
    EXPECT_EQ(refused.at("error").at("code"), "NOT_LINKED") << refused.dump();
    const json account = telegramAccount(client);
    EXPECT_EQ(account.at("connected"), false);
  }
}

TEST(TelegramChannel, ChannelMethodsRefuseBadParamsAndMissingScopes) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  auto client = gateway.connect();
  const auto code = [](client::GatewayClient& caller, const std::string& method,
                       const json& params) {
    return caller.request(method, params).at("error").at("code").get<std::string>();
  };
  EXPECT_EQ(code(client, "send", {{"to", "1"}, {"message", "x"}}), "INVALID_REQUEST");
  EXPECT_EQ(code(client, "send", {{"to", "1"}, {"message", " "}, {"idempotencyKey", "k"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code(client, "send",
                 {{"to", "1"}, {"message", "x"}, {"channel", "irc"}, {"idempotencyKey", "k"}}),
            "NOT_LINKED");
  EXPECT_EQ(code(client, "channels.pairing.approve", {{"channel", "telegram"}}), "INVALID_REQUEST");
  EXPECT_EQ(code(client, "pairing.approve",
                 {{"channel", "telegram"}, {"accountId", "default"}, {"requestId", "NOPE2345"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code(client, "channels.pairing.dismiss",
                 {{"channel", "telegram"}, {"accountId", "default"}, {"requestId", "NOPE2345"}}),
            "INVALID_REQUEST");
  EXPECT_TRUE(client.call("pairing.list").at("requests").empty());

  auto options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient reader(options);
  reader.connect();
  EXPECT_EQ(code(reader, "send", {{"to", "1"}, {"message", "x"}, {"idempotencyKey", "k"}}),
            "FORBIDDEN");
  EXPECT_EQ(code(reader, "channels.pairing.list", json::object()), "FORBIDDEN");
  EXPECT_EQ(reader.call("channels.status", {{"channel", "telegram"}}).at("channelOrder"),
            json::array({"telegram"}));
  EXPECT_TRUE(telegram.sentMessages().empty());
}

TEST(TelegramChannel, HotReloadDisablesAndReenablesTheChannel) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"back again"}));
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  auto client = gateway.connect();

  gateway.editConfig({{"channels", {{"telegram", {{"enabled", false}}}}}});
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied channels", kDeadline));
  EXPECT_EQ(telegramAccount(client).at("running"), false);
  const json refused = client.request(
      "send", {{"to", "1"}, {"message", "x"}, {"channel", "telegram"}, {"idempotencyKey", "k1"}});
  EXPECT_EQ(refused.at("error").at("code"), "NOT_LINKED");

  gateway.editConfig({{"channels", {{"telegram", {{"enabled", true}}}}}});
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied channels", kDeadline, 2));
  EXPECT_EQ(telegramAccount(client).at("running"), true);
  telegram.pushMessage(kUser, kUser, "still there?");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  EXPECT_EQ(telegram.sentMessages().at(0).at("text"), "back again");
}

// Reads events until a `health` event whose Telegram entry says `linked` (true) or the
// deadline passes (false).
bool healthEventSays(client::GatewayClient& client, bool linked) {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  for (;;) {
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const auto event = remaining.count() > 0 ? client.nextEvent(remaining) : std::nullopt;
    if (!event) return false;
    if (event->value("event", "") == "health" &&
        event->at("payload").at("channels").at("telegram").at("linked") == linked) {
      return true;
    }
  }
}

// Operators learn of a lost or regained link without polling: the gateway pushes `health`.
TEST(TelegramChannel, LinkChangesArePushedAsHealthEvents) {
  ScriptedProvider provider;
  std::optional<FakeTelegram> telegram(std::in_place);
  GatewayProcess gateway(gatewayConfig(provider, telegram->apiRoot(), kOpenDms));
  gateway.start();
  auto client = gateway.connect();
  const auto linked = [&] {
    return client.call("health").at("channels").at("telegram").at("linked").get<bool>();
  };
  if (!linked()) {
    ASSERT_TRUE(healthEventSays(client, true)) << gateway.output();
  }

  telegram.reset();  // the Bot API goes away
  ASSERT_TRUE(healthEventSays(client, false)) << gateway.output();
  EXPECT_FALSE(linked());

  auto reader = gateway.clientOptions();
  reader.scopes = {"operator.read"};
  client::GatewayClient readOnly(reader);
  readOnly.connect();
  gateway.editConfig({{"channels", {{"telegram", {{"enabled", false}}}}}});
  EXPECT_TRUE(healthEventSays(readOnly, false)) << gateway.output();
}

TEST(TelegramChannel, InvalidAccessSettingsKeepTheChannelFromStarting) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), {{"dmPolicy", "opne"}}));
  gateway.start();
  ASSERT_TRUE(gateway.waitForOutput(
      "channel telegram not started: config: channels.telegram.dmPolicy: must be one of",
      kDeadline))
      << gateway.output();
  auto client = gateway.connect();
  const json status = client.call("channels.status");
  EXPECT_EQ(status.at("channelOrder"), json::array());
  EXPECT_FALSE(status.at("channels").contains("telegram"));
  EXPECT_TRUE(telegram.calls("getMe").empty());
}

TEST(TelegramChannel, InvalidAccessEditKeepsTheRunningPolicy) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"still open"}));
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  auto client = gateway.connect();
  ASSERT_TRUE(telegram.waitForCall(
      "getUpdates", [](const json&) { return true; }, kDeadline));

  gateway.editConfig({{"channels", {{"telegram", {{"requireMention", "yes"}}}}}});
  const std::string error =
      "config: channels.telegram.requireMention: must be true or false, got \"yes\"";
  ASSERT_TRUE(gateway.waitForOutput("channel telegram keeps its running configuration: " + error,
                                    kDeadline))
      << gateway.output();
  EXPECT_EQ(telegramAccount(client).at("running"), true);
  EXPECT_EQ(telegramAccount(client).at("lastError"), error);
  EXPECT_EQ(telegramAccount(client).at("dmPolicy"), "open");

  telegram.pushMessage(kUser, kUser, "are you still open?");
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  EXPECT_EQ(telegram.sentMessages().at(0).at("text"), "still open");
}

TEST(TelegramChannel, WebhookModeWithoutASecretDoesNotStart) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"forged"}));
  json webhook = kOpenDms;
  webhook.merge_patch(
      {{"webhookUrl", "https://bot.example.com/tg-hook"}, {"webhookPath", "/tg-hook"}});
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), webhook));
  gateway.start();
  ASSERT_TRUE(gateway.waitForOutput(
      "channel telegram not started: config: channels.telegram.webhookSecret: is required",
      kDeadline))
      << gateway.output();
  const json forged = {{"update_id", 78},
                       {"message",
                        {{"message_id", 4},
                         {"chat", {{"id", kUser}, {"type", "private"}}},
                         {"from", {{"id", kUser}, {"first_name", "Mallory"}}},
                         {"text", "forged update"}}}};
  EXPECT_NE(httpPost(gateway.port(), "/tg-hook", forged, ""), 200);
  EXPECT_TRUE(telegram.calls("setWebhook").empty());
  EXPECT_TRUE(provider.userPrompts().empty());
}

TEST(TelegramChannel, WebhookEditWithoutASecretKeepsTheRunningChannel) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), kOpenDms));
  gateway.start();
  auto client = gateway.connect();
  ASSERT_TRUE(telegram.waitForCall(
      "getUpdates", [](const json&) { return true; }, kDeadline));

  gateway.editConfig({{"channels", {{"telegram", {{"webhookUrl", "https://bot.example.com/h"}}}}}});
  const std::string error =
      "config: channels.telegram.webhookSecret: is required when webhookUrl is set (webhook "
      "mode); Telegram sends it with every update";
  ASSERT_TRUE(
      gateway.waitForOutput("account default keeps its running settings: " + error, kDeadline))
      << gateway.output();
  const json account = telegramAccount(client);
  EXPECT_EQ(account.at("lastError"), error);
  EXPECT_EQ(account.at("mode"), "polling");
  EXPECT_EQ(account.at("running"), true);
  EXPECT_TRUE(telegram.calls("setWebhook").empty());
}

TEST(TelegramChannel, WebhookModeAnswersOnceTheUpdateIsJournaled) {
  ScriptedProvider provider;
  FakeTelegram telegram;
  provider.enqueue(ScriptedReply::text({"via webhook"}));
  json webhook = kOpenDms;
  webhook.merge_patch({{"webhookUrl", "https://bot.example.com/tg-hook"},
                       {"webhookPath", "/tg-hook"},
                       {"webhookSecret", "s3cret"}});
  GatewayProcess gateway(gatewayConfig(provider, telegram.apiRoot(), webhook));
  gateway.start();
  ASSERT_TRUE(telegram.waitForCall(
      "setWebhook",
      [](const json& params) {
        return params.value("url", "") == "https://bot.example.com/tg-hook" &&
               params.value("secret_token", "") == "s3cret";
      },
      kDeadline));
  const json update = {{"update_id", 77},
                       {"message",
                        {{"message_id", 3},
                         {"chat", {{"id", kUser}, {"type", "private"}}},
                         {"from", {{"id", kUser}, {"first_name", "User"}}},
                         {"text", "pushed to you"}}}};
  EXPECT_EQ(httpPost(gateway.port(), "/tg-hook", update, "wrong"), 401);
  EXPECT_EQ(httpPost(gateway.port(), "/tg-hook", update, "s3cret"), 200);
  ASSERT_TRUE(replyArrived(telegram, 1)) << gateway.output();
  EXPECT_EQ(telegram.sentMessages().at(0).at("text"), "via webhook");
  // Telegram redelivering the same update is acknowledged but not processed again.
  EXPECT_EQ(httpPost(gateway.port(), "/tg-hook", update, "s3cret"), 200);
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"pushed to you"});
  EXPECT_TRUE(telegram.calls("getUpdates").empty());
  auto client = gateway.connect();
  const json account = telegramAccount(client);
  EXPECT_EQ(account.at("mode"), "webhook");
  EXPECT_EQ(account.at("connected"), true);
}

}  // namespace
}  // namespace openclaw::e2e
