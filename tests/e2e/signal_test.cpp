// The Signal channel end to end: the real gateway binary, a local fake signal-cli daemon
// (tests/support/fake_signal_cli: JSON-RPC + the SSE receive stream) and the scripted model
// server. Messages arrive as receive envelopes, agent replies leave through the `send` RPC.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "fake_signal_cli.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::FakeSignalCli;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using testsupport::SignalMessageSpec;
using namespace std::chrono_literals;

constexpr const char* kBot = "+15550009999";
constexpr const char* kUser = "+15550001111";
constexpr const char* kUserUuid = "1b2c3d4e-0000-4000-8000-000000000001";
constexpr const char* kGroup = "Z3JvdXAtaWQtZm9yLXRlc3RzLTAwMDAwMDAwMDAwMDA=";
constexpr auto kDeadline = 20s;

const json kOpenDms = {{"dmPolicy", "open"}, {"allowFrom", {"*"}}};

json signalBlock(const FakeSignalCli& fake, const std::string& account = kBot) {
  return {{"account", account}, {"transport", {{"kind", "external-native"}, {"url", fake.url()}}}};
}

json gatewayConfig(const ScriptedProvider& provider, json signal) {
  json config = provider.gatewayConfig();
  config["channels"] = {{"signal", std::move(signal)}};
  return config;
}

json withPatch(json block, const json& patch) {
  block.merge_patch(patch);
  return block;
}

SignalMessageSpec fromUser(const std::string& text) {
  SignalMessageSpec message;
  message.sourceNumber = kUser;
  message.sourceUuid = kUserUuid;
  message.text = text;
  return message;
}

bool repliesArrived(FakeSignalCli& fake, std::size_t count) {
  return fake.waitForSent(count, kDeadline).size() >= count;
}

json signalAccounts(client::GatewayClient& client) {
  return client.call("channels.status").at("channelAccounts").at("signal");
}

// Waits until the account's status satisfies `accept`.
bool accountStatusIs(client::GatewayClient& client, const std::function<bool(const json&)>& accept,
                     const std::string& accountId = "default") {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const json& account : signalAccounts(client)) {
      if (account.value("accountId", "") == accountId && accept(account)) return true;
    }
    std::this_thread::sleep_for(50ms);  // polling a status, not synchronising on an event
  }
  return false;
}

std::string pairingCode(const std::string& text) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex("Pairing code: ([A-Z2-9]{8})"))) return "";
  return match[1];
}

void approve(GatewayProcess& gateway, const std::string& code) {
  const CommandResult approved = runCli({"pairing", "approve", "signal", code, "--url",
                                         gateway.url(), "--token", GatewayProcess::kToken},
                                        gateway.home().path());
  ASSERT_EQ(approved.exitCode, 0) << approved.err << approved.out;
}

TEST(SignalChannel, DirectMessageGetsAnAgentReply) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"Hello ", "from the agent"}));
  GatewayProcess gateway(gatewayConfig(provider, withPatch(signalBlock(fake), kOpenDms)));
  gateway.start();
  fake.pushMessage(kBot, fromUser("hi bot"));
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  const json sent = fake.sent().at(0);
  EXPECT_EQ(sent.at("account"), kBot);
  EXPECT_EQ(sent.at("recipient"), json::array({kUser}));
  EXPECT_EQ(sent.at("message"), "Hello from the agent");
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"hi bot"});
  EXPECT_TRUE(fake.waitForCall(
      "sendTyping",
      [](const json& params) { return params.value("recipient", json()) == json::array({kUser}); },
      kDeadline));

  auto client = gateway.connect();
  const json account = signalAccounts(client).at(0);
  EXPECT_EQ(account.at("accountId"), "default");
  EXPECT_EQ(account.at("connected"), true);
  EXPECT_EQ(account.at("mode"), "external-native");
  EXPECT_EQ(client.call("channels.status").at("channelLabels").at("signal"), "Signal");
  // The session is keyed by the sender's number, as upstream keys direct messages.
  const json history = client.call(
      "chat.history", {{"sessionKey", std::string("agent:main:signal:direct:") + kUser}});
  EXPECT_EQ(history.at("messages").size(), 2u);
}

TEST(SignalChannel, UnknownSendersArePairedByNumberOrUuid) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"welcome, number"}));
  provider.enqueue(ScriptedReply::text({"welcome, uuid"}));
  GatewayProcess gateway(gatewayConfig(provider, signalBlock(fake)));
  gateway.start();

  fake.pushMessage(kBot, fromUser("let me in"));
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  EXPECT_EQ(fake.sent().at(0).at("recipient"), json::array({kUser}));
  const std::string numberCode = pairingCode(fake.sent().at(0).at("message"));
  ASSERT_FALSE(numberCode.empty()) << fake.sent().at(0).dump();

  SignalMessageSpec hidden;  // a sender who does not share their number
  hidden.sourceUuid = "9f8e7d6c-0000-4000-8000-0000000000aa";
  hidden.text = "me too";
  fake.pushMessage(kBot, hidden);
  ASSERT_TRUE(repliesArrived(fake, 2)) << gateway.output();
  EXPECT_EQ(fake.sent().at(1).at("recipient"), json::array({hidden.sourceUuid}));
  const std::string uuidCode = pairingCode(fake.sent().at(1).at("message"));
  ASSERT_FALSE(uuidCode.empty()) << fake.sent().at(1).dump();
  EXPECT_TRUE(provider.requests().empty());

  const CommandResult listed = runCli({"pairing", "list", "signal", "--json", "--url",
                                       gateway.url(), "--token", GatewayProcess::kToken},
                                      gateway.home().path());
  ASSERT_EQ(listed.exitCode, 0) << listed.err;
  EXPECT_TRUE(contains(listed.out, "\"uuid:" + hidden.sourceUuid + "\"")) << listed.out;
  EXPECT_TRUE(contains(listed.out, std::string("\"") + kUser + "\"")) << listed.out;
  approve(gateway, numberCode);
  approve(gateway, uuidCode);

  fake.pushMessage(kBot, fromUser("now?"));
  ASSERT_TRUE(repliesArrived(fake, 3)) << gateway.output();
  EXPECT_EQ(fake.sent().at(2).at("message"), "welcome, number");
  hidden.text = "and me?";
  hidden.timestamp = 0;
  fake.pushMessage(kBot, hidden);
  ASSERT_TRUE(repliesArrived(fake, 4)) << gateway.output();
  EXPECT_EQ(fake.sent().at(3).at("message"), "welcome, uuid");
  EXPECT_EQ(fake.sent().at(3).at("recipient"), json::array({hidden.sourceUuid}));
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"now?", "and me?"}));
}

TEST(SignalChannel, AllowFromNamesASenderByNumberOrUuid) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"listed by uuid"}));
  GatewayProcess gateway(gatewayConfig(
      provider, withPatch(signalBlock(fake), {{"dmPolicy", "allowlist"},
                                              {"allowFrom", {std::string("uuid:") + kUserUuid}}})));
  gateway.start();
  SignalMessageSpec stranger;
  stranger.sourceNumber = "+15550002222";
  stranger.text = "not listed";
  fake.pushMessage(kBot, stranger);
  fake.pushMessage(kBot, fromUser("listed"));  // has a number too, allowed by its uuid
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  EXPECT_EQ(fake.sent().at(0).at("recipient"), json::array({kUser}));
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"listed"});
}

TEST(SignalChannel, GroupMessagesNeedAMention) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"group answer"}));
  GatewayProcess gateway(gatewayConfig(
      provider, withPatch(signalBlock(fake), {{"groups", {{kGroup, json::object()}}}})));
  gateway.start();
  SignalMessageSpec chatter = fromUser("just chatting");
  chatter.groupId = kGroup;
  fake.pushMessage(kBot, chatter);
  SignalMessageSpec mention = fromUser(" help please");
  mention.groupId = kGroup;
  mention.mentionNumbers = {kBot};
  fake.pushMessage(kBot, mention);
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  const json sent = fake.sent().at(0);
  EXPECT_EQ(sent.at("groupId"), kGroup);
  EXPECT_FALSE(sent.contains("recipient"));
  EXPECT_EQ(sent.at("message"), "group answer");
  EXPECT_EQ(provider.userPrompts(),
            std::vector<std::string>{std::string("@") + kBot + " help please"});
  auto client = gateway.connect();
  const json history = client.call(
      "chat.history", {{"sessionKey", std::string("agent:main:signal:group:") + kGroup}});
  EXPECT_EQ(history.at("messages").size(), 2u);
}

TEST(SignalChannel, DroppedStreamReconnectsWithoutLosingOrRepeating) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"first"}));
  provider.enqueue(ScriptedReply::text({"second"}));
  GatewayProcess gateway(gatewayConfig(provider, withPatch(signalBlock(fake), kOpenDms)));
  gateway.start();
  SignalMessageSpec one = fromUser("one");
  one.timestamp = fake.pushMessage(kBot, one);
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();

  fake.dropStreams();
  fake.pushMessage(kBot, one);  // the daemon delivers "one" again after the drop
  fake.pushMessage(kBot, fromUser("two"));
  ASSERT_TRUE(fake.waitForStreams(kBot, 2, kDeadline)) << gateway.output();
  ASSERT_TRUE(repliesArrived(fake, 2)) << gateway.output();
  EXPECT_EQ(fake.sent().at(1).at("message"), "second");
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"one", "two"}));
  auto client = gateway.connect();
  EXPECT_TRUE(accountStatusIs(client, [](const json& a) { return a.at("connected") == true; }));
}

TEST(SignalChannel, CrashAfterJournalingRunsTheTurnOnce) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::hanging());  // the turn is under way when the gateway dies
  GatewayProcess gateway(gatewayConfig(provider, withPatch(signalBlock(fake), kOpenDms)));
  gateway.start();
  fake.pushMessage(kBot, fromUser("survive this"));
  ASSERT_TRUE(provider.waitForRequests(1, kDeadline)) << gateway.output();
  gateway.stop(SIGKILL);

  provider.enqueue(ScriptedReply::text({"made it"}));
  gateway.start();
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  EXPECT_EQ(fake.sent().at(0).at("message"), "made it");
  ASSERT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  gateway.start();
  ASSERT_TRUE(fake.waitForStreams(kBot, 3, kDeadline)) << gateway.output();
  EXPECT_EQ(fake.sent().size(), 1u);
  EXPECT_EQ(provider.userPrompts().size(), 2u);  // the interrupted call and the completed one
}

TEST(SignalChannel, TwoAccountsRunAtOnce) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"reply"}));
  provider.enqueue(ScriptedReply::text({"reply"}));
  const std::string work = "+15550007001";
  const std::string home = "+15550007002";
  const json transport = {{"kind", "external-native"}, {"url", fake.url()}};
  json block = kOpenDms;
  block["defaultAccount"] = "work";
  block["accounts"] = {{"work", {{"account", work}, {"transport", transport}}},
                       {"home", {{"account", home}, {"transport", transport}}}};
  GatewayProcess gateway(gatewayConfig(provider, block));
  gateway.start();
  fake.pushMessage(work, fromUser("to work"));
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  fake.pushMessage(home, fromUser("to home"));
  ASSERT_TRUE(repliesArrived(fake, 2)) << gateway.output();
  EXPECT_EQ(fake.sent().at(0).at("account"), work);
  EXPECT_EQ(fake.sent().at(1).at("account"), home);

  auto client = gateway.connect();
  EXPECT_TRUE(accountStatusIs(
      client, [](const json& a) { return a.at("connected") == true; }, "work"));
  EXPECT_TRUE(accountStatusIs(
      client, [](const json& a) { return a.at("connected") == true; }, "home"));
  const json sent = client.call("send", {{"to", kUser},
                                         {"message", "from home"},
                                         {"channel", "signal"},
                                         {"accountId", "home"},
                                         {"idempotencyKey", "two-accounts-1"}});
  EXPECT_EQ(sent.at("channel"), "signal");
  ASSERT_TRUE(repliesArrived(fake, 3));
  EXPECT_EQ(fake.sent().at(2).at("account"), home);
  EXPECT_EQ(fake.sent().at(2).at("message"), "from home");
}

TEST(SignalChannel, SendErrorsFromSignalCliSurface) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  GatewayProcess gateway(gatewayConfig(provider, withPatch(signalBlock(fake), kOpenDms)));
  gateway.start();
  ASSERT_TRUE(fake.waitForStreams(kBot, 1, kDeadline));
  auto client = gateway.connect();
  ASSERT_TRUE(accountStatusIs(client, [](const json& a) { return a.at("connected") == true; }));
  fake.failSends(1, "Failed to send message: Unregistered user");
  const json refused = client.request("send", {{"to", "+15550003333"},
                                               {"message", "hello?"},
                                               {"channel", "signal"},
                                               {"idempotencyKey", "fails-1"}});
  ASSERT_TRUE(refused.contains("error")) << refused.dump();
  EXPECT_EQ(refused.at("error").at("code"), "UNAVAILABLE");
  EXPECT_TRUE(contains(refused.at("error").at("message"), "Unregistered user")) << refused.dump();
  const json delivered = client.call("send", {{"to", "+15550003333"},
                                              {"message", "again"},
                                              {"channel", "signal"},
                                              {"idempotencyKey", "fails-2"}});
  EXPECT_EQ(fake.sent().size(), 1u);
  EXPECT_EQ(delivered.at("messageId"), fake.sent().at(0).at("timestamp").dump());
}

TEST(SignalChannel, BadEventsAreSkippedAndDuplicatesProcessedOnce) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"only once"}));
  provider.enqueue(ScriptedReply::text({"marker reply"}));
  GatewayProcess gateway(gatewayConfig(provider, withPatch(signalBlock(fake), kOpenDms)));
  gateway.start();
  fake.pushRaw(kBot, "event: receive\ndata: {not json\n\n");
  fake.pushRaw(kBot, "event: receive\ndata: " + std::string(300 * 1024, 'x') + "\n\n");
  fake.pushRaw(kBot, "event: receive\ndata: " + std::string(5000, '[') + "\n\n");
  fake.pushRaw(kBot, ": keep-alive\n\n");
  fake.pushEvent(kBot, {{"envelope",
                         {{"sourceNumber", kUser},
                          {"timestamp", 5},
                          {"receiptMessage", {{"isDelivery", true}, {"timestamps", {1}}}}}}});
  fake.pushEvent(
      kBot,
      {{"envelope",
        {{"sourceNumber", kUser}, {"timestamp", 6}, {"typingMessage", {{"action", "STARTED"}}}}}});
  fake.pushEvent(kBot, {{"envelope",
                         {{"sourceNumber", kUser},
                          {"timestamp", 7},
                          {"syncMessage", {{"sentMessage", {{"message", "sent elsewhere"}}}}}}}});
  SignalMessageSpec own;  // the bot's own number (another device of the account)
  own.sourceNumber = kBot;
  own.text = "my own words";
  fake.pushMessage(kBot, own);
  SignalMessageSpec message = fromUser("real message");
  message.timestamp = 1'700'000'123'456;
  fake.pushMessage(kBot, message);
  fake.pushMessage(kBot, message);  // the same envelope twice
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  fake.pushMessage(kBot, message);             // and once more after its turn
  fake.pushMessage(kBot, fromUser("marker"));  // answered only after the repeat was handled
  ASSERT_TRUE(repliesArrived(fake, 2)) << gateway.output();
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"real message", "marker"}));
  EXPECT_EQ(fake.sent().at(0).at("message"), "only once");
  EXPECT_EQ(fake.streamsOpened(kBot), 1);  // bad input did not cost the connection
}

TEST(SignalChannel, AttachmentsAreSavedToTheWorkspace) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"got your file"}));
  GatewayProcess gateway(gatewayConfig(provider, withPatch(signalBlock(fake), kOpenDms)));
  gateway.start();
  fake.addAttachment("notes.txt", "attached words");
  SignalMessageSpec message = fromUser("see attached");
  message.attachmentIds = {"notes.txt"};
  fake.pushMessage(kBot, message);
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  ASSERT_EQ(fake.calls("getAttachment").size(), 1u);
  EXPECT_EQ(fake.calls("getAttachment").at(0).params.at("id"), "notes.txt");
  std::string saved;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(gateway.home().path())) {
    if (entry.is_regular_file() && contains(entry.path().string(), "media/inbound/signal/") &&
        contains(entry.path().filename().string(), "notes.txt")) {
      std::ifstream in(entry.path());
      saved.assign(std::istreambuf_iterator<char>(in), {});
    }
  }
  EXPECT_EQ(saved, "attached words");
}

TEST(SignalChannel, MissingSignalCliIsReportedAsTheAccountsError) {
  ScriptedProvider provider;
  GatewayProcess gateway(gatewayConfig(
      provider,
      {{"account", kBot},
       {"transport", {{"kind", "managed-native"}, {"cliPath", "/nonexistent/signal-cli"}}}}));
  gateway.start();
  auto client = gateway.connect();
  EXPECT_TRUE(accountStatusIs(client, [](const json& a) {
    return a.at("connected") == false && contains(a.value("lastError", ""), "signal-cli not found");
  })) << signalAccounts(client).dump();
  const json refused = client.request(
      "send", {{"to", kUser}, {"message", "x"}, {"channel", "signal"}, {"idempotencyKey", "k"}});
  EXPECT_EQ(refused.at("error").at("code"), "NOT_LINKED");
}

// transport.kind managed-native: the gateway runs `signal-cli daemon` itself and stops it with
// the account. The stand-in records its arguments and pid and waits; transport.url points the
// account at the fake daemon.
TEST(SignalChannel, ManagedDaemonIsStartedAndStopped) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"managed reply"}));
  TempHome scratch;
  const auto args = scratch.path() / "args";
  const auto pid = scratch.path() / "pid";
  const auto script =
      scratch.write("signal-cli", "#!/bin/sh\necho \"$@\" > " + args.string() + "\necho $$ > " +
                                      pid.string() + "\nexec sleep 600\n");
  ::chmod(script.c_str(), 0755);
  json block = withPatch(kOpenDms, {{"account", kBot},
                                    {"transport",
                                     {{"kind", "managed-native"},
                                      {"cliPath", script.string()},
                                      {"httpPort", 18999},
                                      {"url", fake.url()}}}});
  GatewayProcess gateway(gatewayConfig(provider, block));
  gateway.start();
  fake.pushMessage(kBot, fromUser("hello managed"));
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  EXPECT_EQ(fake.sent().at(0).at("message"), "managed reply");
  std::string argv;
  std::getline(std::ifstream(args), argv);
  EXPECT_EQ(argv, std::string("-a ") + kBot + " daemon --http 127.0.0.1:18999 --no-receive-stdout");
  int daemonPid = 0;
  std::ifstream(pid) >> daemonPid;
  ASSERT_GT(daemonPid, 0);
  EXPECT_EQ(::kill(daemonPid, 0), 0);
  ASSERT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  EXPECT_NE(::kill(daemonPid, 0), 0);  // the daemon went with the gateway
}

// channels.status with probe asks each account's daemon for its version; channels.stop and
// channels.start close and reopen the account's event stream.
TEST(SignalChannel, ProbeAndLifecycleFromRpc) {
  ScriptedProvider provider;
  FakeSignalCli fake;
  provider.enqueue(ScriptedReply::text({"after restart"}));
  GatewayProcess gateway(gatewayConfig(provider, withPatch(signalBlock(fake), kOpenDms)));
  gateway.start();
  ASSERT_TRUE(fake.waitForStreams(kBot, 1, kDeadline));
  auto client = gateway.connect();
  const json probed = client.call("channels.status", {{"probe", true}, {"timeoutMs", 5000}})
                          .at("channelAccounts")
                          .at("signal")
                          .at(0)
                          .at("probe");
  EXPECT_EQ(probed.at("ok"), true) << probed.dump();
  EXPECT_EQ(probed.at("version"), "0.13.99-fake");
  EXPECT_EQ(fake.calls("version").size(), 1u);

  client.call("channels.stop", {{"channel", "signal"}, {"accountId", "default"}});
  EXPECT_TRUE(accountStatusIs(client, [](const json& a) { return a.at("running") == false; }));
  client.call("channels.start", {{"channel", "signal"}, {"accountId", "default"}});
  ASSERT_TRUE(fake.waitForStreams(kBot, 2, kDeadline)) << gateway.output();
  fake.pushMessage(kBot, fromUser("after the restart"));
  ASSERT_TRUE(repliesArrived(fake, 1)) << gateway.output();
  EXPECT_EQ(fake.sent().at(0).at("message"), "after restart");
  const json logout =
      client.call("channels.logout", {{"channel", "signal"}, {"accountId", "default"}});
  EXPECT_TRUE(contains(logout.dump(), "unregister")) << logout.dump();
}

}  // namespace
}  // namespace openclaw::e2e
