// The IRC channel through the gateway's channel core: the real binary, a real IRC server
// (Debian's ngircd), a raw-socket IRC user on the other side and the scripted model server.
#include <gtest/gtest.h>

#include <regex>

#include "gateway_process.h"
#include "irc_server.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using channels::irc::IrcMessage;
using nlohmann::json;
using testsupport::ircDeadline;
using testsupport::IrcServer;
using testsupport::IrcTestUser;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

constexpr const char* kBotNick = "clawbot";
constexpr const char* kRoom = "#openclaw";

// The gateway linked to `server` as kBotNick in kRoom, with `access` merged into channels.irc.
json gatewayConfig(const ScriptedProvider& provider, const IrcServer& server,
                   const json& access = json::object()) {
  json irc = {{"host", "127.0.0.1"}, {"port", server.port()}, {"tls", false},
              {"nick", kBotNick},    {"channels", {kRoom}},   {"sendIntervalMs", 50}};
  irc.merge_patch(access);
  json config = provider.gatewayConfig();
  config["channels"] = {{"irc", irc}};
  return config;
}

const json kOpenAccess = {{"dmPolicy", "open"},
                          {"allowFrom", {"*"}},
                          {"groupPolicy", "open"},
                          {"groups", {{"*", {{"allowFrom", {"*"}}}}}}};

// `nick` on `server`, in kRoom once the bot is there too.
std::unique_ptr<IrcTestUser> userNextToTheBot(const IrcServer& server, const std::string& nick) {
  auto user = std::make_unique<IrcTestUser>(server.port(), nick);
  user->join(kRoom);
  user->waitForMember(kRoom, kBotNick, ircDeadline(20s));
  return user;
}

// The next PRIVMSG from the bot whose text `matches`.
IrcMessage botSays(IrcTestUser& user, const std::regex& matches) {
  return user.waitFor(
      [&](const IrcMessage& message) {
        return message.command == "PRIVMSG" && message.sourceNick() == kBotNick &&
               std::regex_search(message.param(1), matches);
      },
      ircDeadline(20s));
}

TEST(IrcChannel, PrivateMessageGetsAnAgentReply) {
  IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"hi from ", "the agent"}));
  GatewayProcess gateway(gatewayConfig(provider, server, kOpenAccess));
  gateway.start();
  auto alice = userNextToTheBot(server, "alice");
  alice->privmsg(kBotNick, "hello bot");
  EXPECT_EQ(alice->waitForPrivmsg("alice", ircDeadline(20s)).param(1), "hi from the agent");
  const json status = gateway.connect().call("channels.status", {{"channel", "irc"}});
  EXPECT_EQ(status.at("channelAccounts").at("irc").at(0).at("connected"), true);
}

TEST(IrcChannel, Latin1TextReachesTheAgentWithReplacementCharacters) {
  IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"bien s\xC3\xBBr"}));
  GatewayProcess gateway(gatewayConfig(provider, server, kOpenAccess));
  gateway.start();
  auto alice = userNextToTheBot(server, "alice");
  alice->privmsg(kBotNick, "caf\xE9 au lait");  // a Latin-1 client
  EXPECT_EQ(alice->waitForPrivmsg("alice", ircDeadline(20s)).param(1), "bien s\xC3\xBBr");
  const json sent = provider.requests().at(0).json().at("messages");
  EXPECT_EQ(sent.back().at("content"), "caf\xEF\xBF\xBD au lait") << sent.dump();
}

TEST(IrcChannel, RoomMessagesGetAReplyOnlyWhenTheBotIsMentioned) {
  IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"room answer"}));
  GatewayProcess gateway(gatewayConfig(provider, server, kOpenAccess));
  gateway.start();
  auto alice = userNextToTheBot(server, "alice");
  alice->privmsg(kRoom, "just chatting");
  alice->privmsg(kRoom, std::string(kBotNick) + ": what time is it?");
  EXPECT_EQ(alice->waitForPrivmsg(kRoom, ircDeadline(20s)).param(1), "room answer");
  const auto requests = provider.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(contains(requests.at(0).body, "what time is it?"));
  EXPECT_FALSE(contains(requests.at(0).body, "just chatting"));
}

TEST(IrcChannel, UnknownSenderGetsATurnOnlyAfterApproval) {
  IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"welcome aboard"}));
  GatewayProcess gateway(gatewayConfig(provider, server));  // dmPolicy: pairing by default
  gateway.start();
  auto alice = userNextToTheBot(server, "alice");
  alice->privmsg(kBotNick, "let me in");
  const std::regex codeLine("Pairing code: ([A-Z2-9]{8})");
  const std::string codeText = botSays(*alice, codeLine).param(1);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(codeText, match, codeLine));
  EXPECT_TRUE(provider.requests().empty());

  const CommandResult approved = runCli({"pairing", "approve", "irc", match[1].str(), "--url",
                                         gateway.url(), "--token", GatewayProcess::kToken},
                                        gateway.home().path());
  ASSERT_EQ(approved.exitCode, 0) << approved.err << approved.out;
  alice->privmsg(kBotNick, "now?");
  botSays(*alice, std::regex("^welcome aboard$"));
  const auto requests = provider.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(contains(requests.at(0).body, "now?"));
}

// Two bots (accounts) on one server, each with its own nick and access policy; one stopped by
// channels.stop while the other keeps answering; the probe checks each server connection.
TEST(IrcChannel, TwoAccountsRunAtOnceAndStopOnTheirOwn) {
  IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"from the first bot"}));
  provider.enqueue(ScriptedReply::text({"still here"}));
  json config = gatewayConfig(provider, server, kOpenAccess);
  config["channels"]["irc"]["accounts"] = {
      {"default", json::object()}, {"second", {{"nick", "clawbot2"}, {"dmPolicy", "disabled"}}}};
  GatewayProcess gateway(config);
  gateway.start();
  auto alice = userNextToTheBot(server, "alice");
  alice->waitForMember(kRoom, "clawbot2", ircDeadline(20s));
  alice->privmsg("clawbot2", "anyone?");  // dmPolicy disabled on this account: no turn
  alice->privmsg(kBotNick, "hello bot");
  EXPECT_EQ(alice->waitForPrivmsg("alice", ircDeadline(20s)).param(1), "from the first bot");

  auto client = gateway.connect();
  json status = client.call("channels.status", {{"channel", "irc"}, {"probe", true}}, 40s);
  const json& accounts = status.at("channelAccounts").at("irc");
  ASSERT_EQ(accounts.size(), 2u);
  for (const json& account : accounts) {
    EXPECT_EQ(account.at("connected"), true) << account.dump();
    EXPECT_EQ(account.at("probe").at("ok"), true) << account.dump();
    EXPECT_EQ(account.at("probe").at("port"), server.port());
  }
  EXPECT_EQ(accounts.at(1).at("dmPolicy"), "disabled");

  const json stopped = client.call("channels.stop", {{"channel", "irc"}, {"accountId", "second"}});
  EXPECT_EQ(stopped.at("stopped"), true);
  alice->waitFor(
      [](const IrcMessage& m) { return m.command == "QUIT" && m.sourceNick() == "clawbot2"; },
      ircDeadline(20s));
  alice->privmsg(kBotNick, "and now?");
  EXPECT_EQ(alice->waitForPrivmsg("alice", ircDeadline(20s)).param(1), "still here");
  EXPECT_EQ(provider.requests().size(), 2u);  // the disabled account's DM never became a turn
  const json logout = client.call("channels.logout", {{"channel", "irc"}});
  EXPECT_EQ(logout.at("accountId"), "default");
  EXPECT_EQ(logout.at("cleared"), false);
}

}  // namespace
}  // namespace openclaw::e2e
