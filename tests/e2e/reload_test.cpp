// Config hot reload and in-process restart against the real binary.
#include <gtest/gtest.h>

#include <fstream>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class Reload : public ::testing::Test {
 protected:
  void editConfig(const json& patch) { gateway_->editConfig(patch); }

  void start(const json& patch = json::object()) {
    json config = {{"gateway", {{"port", freePort()}}}};
    config.merge_patch(patch);
    gateway_ = std::make_unique<GatewayProcess>(config, std::vector<std::string>{});
    gateway_->start();
  }

  json reloadStatus(client::GatewayClient& client) {
    return client.call("status").at("gateway").at("configReload");
  }

  std::unique_ptr<GatewayProcess> gateway_;
};

TEST_F(Reload, SafeChangeIsAppliedWithoutDroppingClients) {
  start();
  auto client = gateway_->connect();
  EXPECT_EQ(client.call("health").at("configReload").at("hotReloadStatus"), "active");
  editConfig({{"gateway", {{"tickIntervalMs", 150}}}});
  ASSERT_TRUE(gateway_->waitForOutput("config reloaded: applied gateway.tickIntervalMs", 10s))
      << gateway_->output();
  // The same connection now gets the faster ticks.
  const json first = client.waitEvent("tick", 5s);
  const json second = client.waitEvent("tick", 5s);
  EXPECT_LT(second.at("payload").at("ts").get<std::int64_t>() -
                first.at("payload").at("ts").get<std::int64_t>(),
            5000);
  const json status = reloadStatus(client);
  EXPECT_EQ(status.at("status"), "applied");
  EXPECT_EQ(status.at("mode"), "hybrid");
}

TEST_F(Reload, AModelChangeIsAnnouncedWithTheNewCatalogAndAgentsApplyLive) {
  start({{"agents", {{"defaults", {{"model", "ollama/llama3.3"}}}}}});
  auto client = gateway_->connect();
  EXPECT_EQ(client.call("models.list").at("models")[0].at("id"), "llama3.3");
  editConfig({{"agents",
               {{"defaults", {{"model", "ollama/qwen3"}}},
                {"list", {{{"id", "main"}, {"identity", {{"name", "Clawd"}}}}}}}}});
  const json snapshot = client.waitEvent("models.snapshot", 10s).at("payload");
  EXPECT_EQ(snapshot.at("scope"), json({{"agentId", "main"}}));
  EXPECT_EQ(snapshot.at("target"), snapshot.at("scope"));
  EXPECT_EQ(snapshot.at("catalog"), client.call("models.list"));
  EXPECT_EQ(snapshot.at("catalog").at("models")[0].at("id"), "qwen3");
  EXPECT_EQ(client.call("agent.identity.get").at("name"), "Clawd");

  // A change that leaves the catalog alone announces nothing. Events of a reload go out before
  // its log line, so after the line and a round trip every one of them has arrived.
  editConfig({{"gateway", {{"tickIntervalMs", 1000}}}});
  ASSERT_TRUE(gateway_->waitForOutput("config reloaded: applied gateway.tickIntervalMs", 10s));
  client.call("health");
  while (auto event = client.nextEvent(0ms)) {
    EXPECT_NE(event->value("event", ""), "models.snapshot") << event->dump();
  }
}

TEST_F(Reload, BrokenConfigIsRejectedAndTheLastGoodOneKept) {
  start();
  auto client = gateway_->connect();
  const auto path = gateway_->home().path() / ".openclaw" / "openclaw.json";
  std::ofstream(path) << "{\n  gateway: { mode: 'local',\n";
  ASSERT_TRUE(gateway_->waitForOutput("config reload rejected", 10s)) << gateway_->output();
  const json status = reloadStatus(client);
  EXPECT_EQ(status.at("status"), "rejected");
  EXPECT_TRUE(contains(status.at("lastError"), path.string() + ":3:1:")) << status.dump();
  // health reports it too (the hello-ok snapshot keeps upstream's exact health shape).
  const json health = client.call("health");
  EXPECT_EQ(health.at("ok"), true);  // still serving, same connection
  EXPECT_EQ(health.at("configReload").at("status"), "rejected");
  EXPECT_TRUE(contains(health.at("configReload").at("lastError"), path.string() + ":3:1:"));
  auto reader = gateway_->clientOptions();
  reader.scopes = {"operator.read"};
  client::GatewayClient readOnly(reader);
  const json hello = readOnly.connect();
  EXPECT_EQ(hello.at("snapshot").at("health").at("configReload"),
            json({{"hotReloadStatus", "active"}}));
  EXPECT_FALSE(readOnly.call("health").at("configReload").contains("lastError"));

  editConfig({{"gateway", {{"tickIntervalMs", 1000}}}});
  ASSERT_TRUE(gateway_->waitForOutput("config reloaded: applied", 10s)) << gateway_->output();
  EXPECT_EQ(reloadStatus(client).at("status"), "applied");
}

TEST_F(Reload, PortChangeRestartsInProcessWithTheSamePid) {
  start();
  auto client = gateway_->connect();
  const int newPort = freePort();
  editConfig({{"gateway", {{"port", newPort}}}});
  const json shutdown = client.waitEvent("shutdown", 10s);
  EXPECT_GT(shutdown.at("payload").at("restartExpectedMs").get<std::int64_t>(), 0);
  EXPECT_EQ(client.waitClosed(5s).code, 1012);

  const std::string listening = "listening on ws://127.0.0.1:" + std::to_string(newPort) +
                                " (PID " + std::to_string(gateway_->pid()) + ")";
  ASSERT_TRUE(gateway_->waitForOutput(listening, 10s)) << gateway_->output();
  auto options = gateway_->clientOptions();
  options.url = "ws://127.0.0.1:" + std::to_string(newPort);
  client::GatewayClient reconnected(options);
  EXPECT_EQ(reconnected.connect().at("type"), "hello-ok");
  EXPECT_EQ(reconnected.call("status").at("gateway").at("port"), newPort);
}

TEST_F(Reload, HotModeLeavesRestartOnlyChangesPending) {
  start({{"gateway", {{"reload", {{"mode", "hot"}}}}}});
  auto client = gateway_->connect();
  editConfig({{"gateway", {{"port", freePort()}, {"tickIntervalMs", 1000}}}});
  ASSERT_TRUE(gateway_->waitForOutput("needs a restart to apply", 10s)) << gateway_->output();
  const json status = reloadStatus(client);
  EXPECT_EQ(status.at("pendingRestart"), json({"gateway.port"}));
  EXPECT_EQ(client.call("health").at("ok"), true);  // not restarted: same connection works
}

TEST_F(Reload, ModeOffIgnoresChanges) {
  start({{"gateway", {{"reload", {{"mode", "off"}}}}}});
  auto client = gateway_->connect();
  EXPECT_EQ(client.call("health").at("configReload").at("hotReloadStatus"), "disabled");
  EXPECT_EQ(reloadStatus(client).at("watching"), false);
}

TEST_F(Reload, Sigusr1RestartsInProcess) {
  start();
  auto client = gateway_->connect();
  kill(gateway_->pid(), SIGUSR1);
  const json shutdown = client.waitEvent("shutdown", 10s);
  EXPECT_TRUE(shutdown.at("payload").contains("restartExpectedMs"));
  EXPECT_EQ(client.waitClosed(5s).code, 1012);
  // The same process listens again (its second "listening on" line, same PID).
  const std::string listening = "listening on ws://127.0.0.1:" + std::to_string(gateway_->port()) +
                                " (PID " + std::to_string(gateway_->pid()) + ")";
  ASSERT_TRUE(gateway_->waitForOutput(listening, 10s, 2)) << gateway_->output();
  auto again = gateway_->connect();
  EXPECT_EQ(again.call("health").at("ok"), true);
}

TEST_F(Reload, Sigusr1IsIgnoredWhenCommandsRestartIsFalse) {
  start({{"commands", {{"restart", false}}}});
  auto client = gateway_->connect();
  kill(gateway_->pid(), SIGUSR1);
  ASSERT_TRUE(gateway_->waitForOutput("SIGUSR1 ignored", 10s)) << gateway_->output();
  EXPECT_EQ(client.call("health").at("ok"), true);
}

}  // namespace
}  // namespace openclaw::e2e
