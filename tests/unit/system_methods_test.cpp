// health, status, system-presence and system-event, in process.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

class SystemMethods : public ::testing::Test {
 protected:
  // A client with `instanceId`; cli (full scopes, but no presence row of its own) by default.
  std::shared_ptr<FakeConnection> connectAs(const std::string& instanceId,
                                            const std::string& mode = "cli") {
    json params = InProcessGateway::connectParams({protocol::scopes::kAdmin});
    params["client"]["instanceId"] = instanceId;
    params["client"]["mode"] = mode;
    return gateway_.connect(params);
  }

  static const json* findInstance(const json& presence, const std::string& instanceId) {
    for (const json& entry : presence) {
      if (entry.value("instanceId", "") == instanceId) return &entry;
    }
    return nullptr;
  }

  InProcessGateway gateway_;
};

TEST_F(SystemMethods, HealthReportsOkWithChannelsAndReloadState) {
  auto client = gateway_.connectOperator({protocol::scopes::kRead});
  const json response = gateway_.request(client, "health");
  ASSERT_EQ(response.at("ok"), true) << response.dump();
  const json& health = response.at("payload");
  EXPECT_EQ(health.at("ok"), true);
  EXPECT_TRUE(health.at("ts").is_number_integer());
  EXPECT_TRUE(health.at("channels").is_object());
  // Nothing watches the config in process.
  EXPECT_NE(health.at("configReload").at("hotReloadStatus"), "active");
}

TEST_F(SystemMethods, StatusSummarizesTheGatewayForAdmins) {
  auto admin = gateway_.connectOperator();
  gateway_.connectOperator({protocol::scopes::kRead});
  const json status = gateway_.request(admin, "status").at("payload");
  EXPECT_EQ(status.at("gateway").at("authMode"), "token");
  EXPECT_EQ(status.at("gateway").at("connections"), 2);
  EXPECT_EQ(status.at("gateway").at("stateDir"), gateway_.stateDir().string());
  EXPECT_TRUE(status.at("channelSummary").is_array());
  EXPECT_TRUE(status.at("sessions").at("byAgent").is_array());
}

TEST_F(SystemMethods, StatusHidesPathsFromReadOnlyCallers) {
  auto reader = gateway_.connectOperator({protocol::scopes::kRead});
  const json status = gateway_.request(reader, "status").at("payload");
  EXPECT_FALSE(status.at("gateway").contains("stateDir"));
  EXPECT_FALSE(status.at("gateway").contains("configPath"));
}

TEST_F(SystemMethods, SystemPresenceListsTheGatewayAndEachClientOnce) {
  connectAs("instance-a", "ui");
  connectAs("instance-b", "ui");
  connectAs("instance-a", "ui");  // same instance, second socket: still one row
  auto reader = connectAs("reader");
  const json presence = gateway_.request(reader, "system-presence").at("payload");
  ASSERT_TRUE(presence.is_array());
  const json* rowA = findInstance(presence, "instance-a");
  ASSERT_NE(rowA, nullptr) << presence.dump();
  EXPECT_EQ(rowA->at("mode"), "ui");
  EXPECT_EQ(rowA->at("ip"), "127.0.0.1");
  EXPECT_NE(findInstance(presence, "instance-b"), nullptr);
  EXPECT_EQ(findInstance(presence, "reader"), nullptr);  // cli clients hold no row
  int gatewayRows = 0;
  int rowsOfA = 0;
  for (const json& row : presence) {
    gatewayRows += row.value("reason", "") == "self" ? 1 : 0;
    rowsOfA += row.value("instanceId", "") == "instance-a" ? 1 : 0;
  }
  EXPECT_EQ(gatewayRows, 1);
  EXPECT_EQ(rowsOfA, 1);
}

TEST_F(SystemMethods, SystemEventUpdatesPresenceForWatchers) {
  auto reporter = connectAs("reporter");
  auto watcher = connectAs("watcher");
  const json result = gateway_.request(
      reporter, "system-event",
      {{"text", "Node: laptop"}, {"reason", "periodic"}, {"lastInputSeconds", 42}});
  EXPECT_EQ(result.at("payload"), json({{"ok", true}}));
  const json event = gateway_.waitFrame(watcher, [](const json& frame) {
    if (frame.value("event", "") != "presence") return false;
    const json* row = findInstance(frame.at("payload").at("presence"), "reporter");
    return row != nullptr && row->value("reason", "") == "periodic";
  });
  const json* row = findInstance(event.at("payload").at("presence"), "reporter");
  EXPECT_EQ(row->at("text"), "Node: laptop");
  EXPECT_EQ(row->at("lastInputSeconds"), 42);
}

TEST_F(SystemMethods, SystemEventWithoutTextIsRejected) {
  auto admin = gateway_.connectOperator();
  EXPECT_TRUE(
      isError(gateway_.request(admin, "system-event", {{"reason", "x"}}), "INVALID_REQUEST"));
}

}  // namespace
}  // namespace openclaw::testsupport
