// The heartbeat and wake end to end: the real binary on short heartbeat intervals, the scripted
// model server as the model, a real IRC server (ngircd) as the heartbeat's delivery target, and
// an operator client watching `heartbeat` events.
#include <gtest/gtest.h>

#include <fstream>

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

constexpr const char* kBotNick = "clawbot";
constexpr const char* kRoom = "#openclaw";
constexpr const char* kChecklist = "# Heartbeat checklist\n\n- Is the disk almost full?\n";

// Writes HEARTBEAT.md into the gateway's (default) workspace before it starts.
void writeChecklist(const GatewayProcess& gateway, const std::string& content) {
  const std::filesystem::path workspace = gateway.home().path() / ".openclaw" / "workspace";
  std::filesystem::create_directories(workspace);
  std::ofstream(workspace / "HEARTBEAT.md") << content;
}

// The next `heartbeat` event whose status is `status`.
json heartbeatEvent(client::GatewayClient& client, const std::string& status) {
  return waitForEvent(client,
                      [&](const json& event) {
                        return event.value("event", "") == "heartbeat" &&
                               event.at("payload").value("status", "") == status;
                      })
      .at("payload");
}

// The text of the last user message a model request carried.
std::string lastUserText(const testsupport::RecordedRequest& recorded) {
  const json messages = recorded.json().at("messages");
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->at("role") == "user") return it->at("content").get<std::string>();
  }
  return "";
}

std::string errorCode(client::GatewayClient& client, const std::string& method,
                      const json& params) {
  const json answer = client.request(method, params);
  return answer.value("ok", true) ? "(ok)" : answer.at("error").at("code").get<std::string>();
}

TEST(Heartbeat, TicksReadTheChecklistDropAcknowledgementsAndDeliverAlerts) {
  IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"HEARTBEAT_OK"}));
  provider.enqueue(ScriptedReply::text({"The disk is 97% full."}));
  json config = provider.gatewayConfig();
  config["channels"] = {{"irc",
                         {{"host", "127.0.0.1"},
                          {"port", server.port()},
                          {"tls", false},
                          {"nick", kBotNick},
                          {"channels", {kRoom}},
                          {"sendIntervalMs", 50}}}};
  config["agents"]["defaults"]["heartbeat"] = {{"every", "3s"}, {"target", "irc"}, {"to", "alice"}};
  GatewayProcess gateway(config);
  writeChecklist(gateway, kChecklist);
  gateway.start();
  auto watcher = gateway.connect();
  // alice is on the server before the second tick (6 s in) sends her the alert.
  IrcTestUser alice(server.port(), "alice");
  alice.join(kRoom);
  alice.waitForMember(kRoom, kBotNick, ircDeadline(5s));

  const json ack = heartbeatEvent(watcher, "ok-token");
  EXPECT_EQ(ack.at("silent"), true);
  EXPECT_TRUE(ack.contains("ts"));
  EXPECT_TRUE(ack.contains("durationMs"));
  const json sent = heartbeatEvent(watcher, "sent");
  EXPECT_EQ(sent.at("channel"), "irc");
  EXPECT_EQ(sent.at("to"), "alice");
  EXPECT_EQ(sent.at("preview"), "The disk is 97% full.");
  // The acknowledgement came first and was dropped: the alert is the first thing alice gets.
  EXPECT_EQ(alice.waitForPrivmsg("alice", ircDeadline(20s)).param(1), "The disk is 97% full.");

  // Each turn was a main-session turn on the prompt plus HEARTBEAT.md.
  const auto requests = provider.requests();
  ASSERT_GE(requests.size(), 2U);
  const std::string prompt = lastUserText(requests[0]);
  EXPECT_TRUE(contains(prompt, "HEARTBEAT_OK")) << prompt;
  EXPECT_TRUE(contains(prompt, "- Is the disk almost full?")) << prompt;
  EXPECT_EQ(watcher.call("last-heartbeat").at("status"), "sent");

  // Turned off, no further tick reaches the model.
  EXPECT_EQ(watcher.call("set-heartbeats", {{"enabled", false}}),
            (json{{"ok", true}, {"enabled", false}}));
  const std::size_t before = provider.requests().size();
  EXPECT_FALSE(provider.waitForRequests(before + 1, 4s));  // more than an interval
}

TEST(Heartbeat, AnEmptyChecklistSkipsTheModelCall) {
  ScriptedProvider provider;
  json config = provider.gatewayConfig();
  config["agents"]["defaults"]["heartbeat"] = {{"every", "1s"}, {"target", "none"}};
  GatewayProcess gateway(config);
  writeChecklist(gateway, "# Heartbeat checklist\n\n- \n<!-- add tasks here -->\n");
  gateway.start();
  auto watcher = gateway.connect();
  const json skipped = waitForEvent(watcher, [](const json& event) {
                         return event.value("event", "") == "heartbeat";
                       }).at("payload");
  EXPECT_EQ(skipped.at("status"), "skipped");
  EXPECT_EQ(skipped.at("reason"), "empty-heartbeat-file");
  EXPECT_TRUE(provider.requests().empty());
}

class Wake : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  json config() const {
    json patch = provider.gatewayConfig();
    // No cadence: only wakes run heartbeat turns; their replies stay in the session.
    patch["agents"]["defaults"]["heartbeat"] = {{"every", "0m"}, {"target", "none"}};
    return patch;
  }

  ScriptedProvider provider;
  GatewayProcess gateway{config()};
};

TEST_F(Wake, NowStartsAHeartbeatTurnCarryingTheText) {
  auto client = gateway.connect();
  EXPECT_TRUE(client.call("last-heartbeat").is_null());
  provider.enqueue(ScriptedReply::text({"Looking into the failed build."}));
  EXPECT_EQ(client.call("wake", {{"mode", "now"}, {"text", "Build failed on main"}}),
            (json{{"ok", true}}));
  const json event = heartbeatEvent(client, "skipped");
  EXPECT_EQ(event.at("reason"), "target-none");  // an alert, with nowhere to go
  EXPECT_EQ(event.at("preview"), "Looking into the failed build.");
  ASSERT_EQ(provider.requests().size(), 1U);
  const std::string prompt = lastUserText(provider.requests()[0]);
  EXPECT_EQ(prompt.rfind("System: [", 0), 0U) << prompt;
  EXPECT_TRUE(contains(prompt, "] Build failed on main")) << prompt;
  EXPECT_TRUE(contains(prompt, "HEARTBEAT_OK")) << prompt;  // the heartbeat prompt
  EXPECT_EQ(client.call("last-heartbeat"), event);
}

TEST_F(Wake, NextHeartbeatOnlyQueuesTheText) {
  auto client = gateway.connect();
  EXPECT_EQ(client.call("wake", {{"mode", "next-heartbeat"}, {"text", "Deploy finished"}}),
            (json{{"ok", true}}));
  // The next turn of the main session carries it.
  provider.enqueue(ScriptedReply::text({"HEARTBEAT_OK"}));
  client.call("wake", {{"mode", "now"}, {"text", "Tests passed"}});
  EXPECT_EQ(heartbeatEvent(client, "ok-token").at("silent"), true);
  ASSERT_EQ(provider.requests().size(), 1U);
  const std::string prompt = lastUserText(provider.requests()[0]);
  EXPECT_LT(prompt.find("] Deploy finished"), prompt.find("] Tests passed")) << prompt;
}

TEST_F(Wake, DisabledHeartbeatsQueueWakesWithoutRunningThem) {
  auto client = gateway.connect();
  EXPECT_EQ(client.call("set-heartbeats", {{"enabled", false}}),
            (json{{"ok", true}, {"enabled", false}}));
  EXPECT_EQ(client.call("wake", {{"mode", "now"}, {"text", "held back"}}), (json{{"ok", true}}));
  EXPECT_FALSE(provider.waitForRequests(1, 2s));
  EXPECT_EQ(client.call("set-heartbeats", {{"enabled", true}}),
            (json{{"ok", true}, {"enabled", true}}));
  provider.enqueue(ScriptedReply::text({"NO_REPLY"}));
  client.call("wake", {{"mode", "now"}, {"text", "let go"}});
  EXPECT_EQ(heartbeatEvent(client, "ok-token").at("silent"), true);
  const std::string prompt = lastUserText(provider.requests().at(0));
  EXPECT_TRUE(contains(prompt, "] held back")) << prompt;
  EXPECT_TRUE(contains(prompt, "] let go")) << prompt;
}

TEST_F(Wake, BadParamsAreRefused) {
  auto client = gateway.connect();
  EXPECT_EQ(errorCode(client, "wake", {{"text", "x"}}), "INVALID_REQUEST");
  EXPECT_EQ(errorCode(client, "wake", {{"mode", "later"}, {"text", "x"}}), "INVALID_REQUEST");
  EXPECT_EQ(errorCode(client, "wake", {{"mode", "now"}, {"text", ""}}), "INVALID_REQUEST");
  EXPECT_EQ(errorCode(client, "wake", {{"mode", "now"}, {"text", 5}}), "INVALID_REQUEST");
  const json unknown =
      client.request("wake", {{"mode", "now"}, {"text", "x"}, {"agentId", "ghost"}});
  EXPECT_EQ(unknown.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_TRUE(contains(unknown.at("error").at("message"), "agentId")) << unknown.dump();
  const json contradiction = client.request(
      "wake",
      {{"mode", "now"}, {"text", "x"}, {"agentId", "main"}, {"sessionKey", "agent:ops:main"}});
  EXPECT_EQ(contradiction.at("error").at("code"), "INVALID_REQUEST");
  // Blank text passes the schema and is answered as upstream does.
  EXPECT_EQ(client.call("wake", {{"mode", "now"}, {"text", "   "}}), (json{{"ok", false}}));
  EXPECT_EQ(errorCode(client, "set-heartbeats", json::object()), "INVALID_REQUEST");
  EXPECT_EQ(errorCode(client, "set-heartbeats", {{"enabled", "yes"}}), "INVALID_REQUEST");
  EXPECT_EQ(errorCode(client, "last-heartbeat", {{"x", 1}}), "INVALID_REQUEST");
  EXPECT_TRUE(provider.requests().empty());
}

}  // namespace
}  // namespace openclaw::e2e
