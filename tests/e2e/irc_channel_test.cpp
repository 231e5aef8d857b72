// The IRC channel through the gateway's channel core: the real binary, ngircd, a raw IRC user
// and the scripted model server.
#include <gtest/gtest.h>

#include "gateway_process.h"
#include "irc_server.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::ircDeadline;
using testsupport::IrcServer;
using testsupport::IrcTestUser;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

TEST(IrcChannel, PrivateMessageGetsAnAgentReply) {
  IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"hi from the agent"}));
  const json config = {
      {"agents", {{"defaults", {{"model", "scripted/test-model"}}}}},
      {"models",
       {{"providers",
         {{"scripted",
           {{"baseUrl", provider.baseUrl() + "/v1"}, {"api", "openai-completions"}}}}}}},
      {"channels",
       {{"irc",
         {{"host", "127.0.0.1"},
          {"port", server.port()},
          {"tls", false},
          {"nick", "clawbot"},
          {"channels", {"#openclaw"}},
          {"dmPolicy", "open"},
          {"allowFrom", {"*"}}}}}}};
  GatewayProcess gateway(config);
  gateway.start();
  IrcTestUser alice(server.port(), "alice");
  alice.join("#openclaw");
  alice.waitForMember("#openclaw", "clawbot", ircDeadline(20s));
  alice.privmsg("clawbot", "hello bot");
  EXPECT_EQ(alice.waitForPrivmsg("alice", ircDeadline(20s)).param(1), "hi from the agent");
  const json status = gateway.connect().call("channels.status", {{"channel", "irc"}});
  EXPECT_EQ(status.at("channelAccounts").at("irc").at(0).at("connected"), true);
}

}  // namespace
}  // namespace openclaw::e2e
