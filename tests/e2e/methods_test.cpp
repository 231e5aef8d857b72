// health, status, system-presence and system-event over the wire, and the events they cause.
#include <gtest/gtest.h>

#include <functional>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class Methods : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // A client with `instanceId`; cli (full scopes, but no presence row of its own) by default.
  client::GatewayClient connectAs(const std::string& instanceId, const std::string& mode = "cli") {
    auto options = gateway.clientOptions();
    options.client.instanceId = instanceId;
    options.client.mode = mode;
    client::GatewayClient client(options);
    client.connect();
    return client;
  }

  static const json* findInstance(const json& presence, const std::string& instanceId) {
    for (const json& entry : presence) {
      if (entry.value("instanceId", "") == instanceId) return &entry;
    }
    return nullptr;
  }

  // The next presence event whose row list satisfies `wanted` (earlier ones are skipped).
  static json waitPresence(client::GatewayClient& client,
                           const std::function<bool(const json& rows)>& wanted) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
      const json event = client.waitEvent("presence", 5s);
      if (wanted(event.at("payload").at("presence"))) return event;
    }
    throw std::runtime_error("no matching presence event within 5 s");
  }

  GatewayProcess gateway{json{{"gateway", {{"tickIntervalMs", 200}}}}};
};

TEST_F(Methods, HealthReportsOk) {
  auto client = gateway.connect();
  const json health = client.call("health");
  EXPECT_EQ(health.at("ok"), true);
  EXPECT_TRUE(health.at("ts").is_number_integer());
  EXPECT_TRUE(health.at("channels").is_object());
  EXPECT_EQ(health.at("configReload").at("hotReloadStatus"), "active");  // the config is watched
  EXPECT_EQ(client.call("health", {{"probe", true}}).at("ok"), true);
}

TEST_F(Methods, StatusSummarizesTheGateway) {
  auto client = gateway.connect();
  const json status = client.call("status", {{"includeChannelSummary", false}});
  EXPECT_FALSE(status.at("runtimeVersion").get<std::string>().empty());
  EXPECT_TRUE(status.at("channelSummary").is_array());
  EXPECT_TRUE(status.at("sessions").at("byAgent").is_array());
  EXPECT_EQ(status.at("gateway").at("port"), gateway.port());
  EXPECT_EQ(status.at("gateway").at("authMode"), "token");
  EXPECT_EQ(status.at("gateway").at("connections"), 1);
  // An admin caller also sees where the files are.
  EXPECT_EQ(status.at("gateway").at("stateDir"), (gateway.home().path() / ".openclaw").string());
}

TEST_F(Methods, StatusHidesPathsFromReadOnlyCallers) {
  auto options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient client(options);
  client.connect();
  const json status = client.call("status");
  EXPECT_FALSE(status.at("gateway").contains("stateDir"));
  EXPECT_FALSE(status.at("gateway").contains("configPath"));
}

TEST_F(Methods, SystemPresenceListsGatewayAndEveryClientOnce) {
  auto first = connectAs("instance-a", "ui");
  auto second = connectAs("instance-b", "ui");
  auto duplicate = connectAs("instance-a", "ui");  // same instance, second socket: still one row
  auto reader = connectAs("reader");               // cli: not listed
  const json presence = reader.call("system-presence");
  ASSERT_TRUE(presence.is_array());
  EXPECT_NE(findInstance(presence, "instance-a"), nullptr);
  EXPECT_NE(findInstance(presence, "instance-b"), nullptr);
  int rowsForA = 0;
  bool sawGateway = false;
  for (const json& entry : presence) {
    rowsForA += entry.value("instanceId", "") == "instance-a";
    if (entry.value("mode", "") == "gateway") {
      sawGateway = true;
      EXPECT_EQ(entry.at("reason"), "self");
      EXPECT_NE(entry.at("text").get<std::string>().find("Gateway: "), std::string::npos);
    }
  }
  EXPECT_EQ(rowsForA, 1);
  EXPECT_TRUE(sawGateway);
  EXPECT_EQ(findInstance(presence, "reader"), nullptr);
  const json& a = *findInstance(presence, "instance-a");
  EXPECT_EQ(a.at("ip"), "127.0.0.1");
  EXPECT_EQ(a.at("mode"), "ui");
  EXPECT_EQ(a.at("version"), "e2e");
  EXPECT_TRUE(a.at("ts").is_number_integer());
}

TEST_F(Methods, ClientsSeeEachOtherArriveAndLeave) {
  auto watcher = connectAs("watcher");
  const std::uint64_t before = watcher.call("system-presence").size();
  std::uint64_t arrivedVersion = 0;
  {
    auto visitor = connectAs("visitor", "ui");
    const json arrived =
        waitPresence(watcher, [](const json& rows) { return findInstance(rows, "visitor"); });
    arrivedVersion = arrived.at("stateVersion").at("presence");
    EXPECT_EQ(watcher.call("system-presence").size(), before + 1);
  }
  // The visitor's socket closed: its row goes, with a newer stateVersion.
  const json left =
      waitPresence(watcher, [](const json& rows) { return !findInstance(rows, "visitor"); });
  EXPECT_EQ(left.at("payload").at("presence").size(), before);
  EXPECT_GT(left.at("stateVersion").at("presence").get<std::uint64_t>(), arrivedVersion);
}

TEST_F(Methods, SystemEventUpdatesPresenceAndBumpsStateVersion) {
  auto reporter = connectAs("reporter");
  auto watcher = connectAs("watcher");
  const json result = reporter.call("system-event", {{"text", "Node: laptop · idle 42s"},
                                                     {"lastInputSeconds", 42},
                                                     {"tags", {"laptop"}},
                                                     {"reason", "periodic"}});
  EXPECT_EQ(result, json({{"ok", true}}));

  const json event = waitPresence(watcher, [](const json& rows) {
    const json* row = findInstance(rows, "reporter");
    return row != nullptr && row->at("reason") == "periodic";
  });
  const json* row = findInstance(event.at("payload").at("presence"), "reporter");
  ASSERT_NE(row, nullptr) << event.dump();
  EXPECT_EQ(row->at("text"), "Node: laptop · idle 42s");
  EXPECT_EQ(row->at("lastInputSeconds"), 42);
  EXPECT_EQ(row->at("reason"), "periodic");
  EXPECT_EQ(row->at("tags"), json({"laptop"}));

  reporter.call("system-event", {{"text", "again"}});
  const json next = waitPresence(watcher, [](const json& rows) {
    return findInstance(rows, "reporter")->at("text") == "again";
  });
  EXPECT_GT(next.at("stateVersion").at("presence").get<std::uint64_t>(),
            event.at("stateVersion").at("presence").get<std::uint64_t>());
}

TEST_F(Methods, SystemEventRetriedWithTheSameIdempotencyKeyRunsOnce) {
  auto reporter = connectAs("retrier");
  EXPECT_EQ(reporter.call("system-event", {{"text", "first"}, {"idempotencyKey", "evt-1"}}),
            json({{"ok", true}}));
  // A retry from another connection (as after a reconnect) is answered from memory.
  auto again = connectAs("retrier-reconnected");
  const json retry = {{"text", "second"}, {"instanceId", "retrier"}, {"idempotencyKey", "evt-1"}};
  EXPECT_EQ(again.call("system-event", retry), json({{"ok", true}}));
  EXPECT_EQ(findInstance(again.call("system-presence"), "retrier")->at("text"), "first");
  // A new key runs again.
  again.call("system-event",
             {{"text", "third"}, {"instanceId", "retrier"}, {"idempotencyKey", "evt-2"}});
  EXPECT_EQ(findInstance(again.call("system-presence"), "retrier")->at("text"), "third");
}

TEST_F(Methods, TicksArriveWithIncreasingSequenceNumbers) {
  auto client = gateway.connect();
  const json first = client.waitEvent("tick", 5s);
  const json second = client.waitEvent("tick", 5s);
  EXPECT_TRUE(first.at("payload").at("ts").is_number_integer());
  EXPECT_GT(second.at("seq").get<std::uint64_t>(), first.at("seq").get<std::uint64_t>());
  EXPECT_GE(second.at("payload").at("ts").get<std::int64_t>(),
            first.at("payload").at("ts").get<std::int64_t>());
}

TEST_F(Methods, ReadScopeCannotPostSystemEvents) {
  auto options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient client(options);
  client.connect();
  const json response = client.request("system-event", {{"text", "nope"}});
  EXPECT_EQ(response.at("ok"), false);
  EXPECT_EQ(response.at("error").at("code"), "FORBIDDEN");
  EXPECT_EQ(response.at("error").at("message"), "missing scope: operator.admin");
  EXPECT_EQ(response.at("error").at("details"), json({{"code", "MISSING_SCOPE"},
                                                      {"missingScope", "operator.admin"},
                                                      {"requiredScopes", {"operator.admin"}}}));
  EXPECT_EQ(client.call("health").at("ok"), true);  // read is still allowed
}

TEST_F(Methods, DevicelessClientsOtherThanTheCliGetNoScopes) {
  auto options = gateway.clientOptions();
  options.client.id = "test";
  options.client.mode = "test";
  client::GatewayClient client(options);
  EXPECT_EQ(client.connect().at("auth").at("scopes"), json::array());
  EXPECT_EQ(client.request("health").at("error").at("code"), "FORBIDDEN");
}

TEST_F(Methods, NodesCannotCallOperatorMethods) {
  client::GatewayClient client(gateway.nodeClientOptions());
  client.connect();
  const json response = client.request("status");
  EXPECT_EQ(response.at("error").at("code"), "FORBIDDEN");
}

}  // namespace
}  // namespace openclaw::e2e
