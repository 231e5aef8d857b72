// Presence stays small however many clients connect, by upstream's rules: cli, backend and probe
// connections get no row, and the list keeps at most 200 rows (the oldest go first).
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class PresenceBounds : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // Adds `count` open connections in client mode `mode` to `clients`, each with its own
  // instanceId (mode-<index in clients>).
  void connectMore(std::vector<client::GatewayClient>& clients, const std::string& mode,
                   std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      auto options = gateway.clientOptions();
      options.client.mode = mode;
      options.client.instanceId = mode + "-" + std::to_string(clients.size());
      clients.emplace_back(options).connect();
    }
  }

  // The most rows any presence event `watcher` received so far carried (0 without one).
  static std::size_t largestPresenceEvent(client::GatewayClient& watcher) {
    std::size_t largest = 0;
    while (auto event = watcher.nextEvent(0ms)) {
      if (event->at("event") == "presence") {
        largest = std::max(largest, event->at("payload").at("presence").size());
      }
    }
    return largest;
  }

  static bool lists(const json& rows, const std::string& instanceId) {
    return std::any_of(rows.begin(), rows.end(),
                       [&](const json& row) { return row.value("instanceId", "") == instanceId; });
  }

  GatewayProcess gateway;
};

TEST_F(PresenceBounds, CliConnectionsGetNoRowsAndCauseNoPresenceEvents) {
  auto watcher = gateway.connect();  // itself a cli client
  std::vector<client::GatewayClient> clients;
  std::size_t largest = 0;
  while (clients.size() < 300) {
    connectMore(clients, "cli", 50);
    // Reading between batches also keeps the watcher answering the gateway's pings.
    largest = std::max(largest, largestPresenceEvent(watcher));
  }
  const json rows = watcher.call("system-presence");
  ASSERT_EQ(rows.size(), 1u) << rows.dump().substr(0, 2000);  // the gateway alone
  EXPECT_EQ(rows.at(0).at("mode"), "gateway");
  EXPECT_EQ(std::max(largest, largestPresenceEvent(watcher)), 0u);

  // Backend and probe connections are just as ephemeral.
  auto backend = gateway.clientOptions();
  backend.client.id = "gateway-client";
  backend.client.mode = "backend";
  client::GatewayClient backendClient(backend);
  EXPECT_EQ(backendClient.connect().at("snapshot").at("presence").size(), 1u);
  auto probe = gateway.clientOptions();
  probe.client.mode = "probe";
  client::GatewayClient probeClient(probe);
  probeClient.connect();
  EXPECT_EQ(watcher.call("system-presence").size(), 1u);
}

TEST_F(PresenceBounds, TheListKeepsTheNewest200Rows) {
  auto watcher = gateway.connect();
  std::vector<client::GatewayClient> ui;
  connectMore(ui, "ui", 1);  // instanceId "ui-0", the oldest row
  for (int i = 0; i < 210; ++i) {
    watcher.call("system-event",
                 {{"text", "beacon"}, {"instanceId", "beacon-" + std::to_string(i)}});
  }
  const json rows = watcher.call("system-presence");
  EXPECT_EQ(rows.size(), 200u);
  EXPECT_EQ(rows.back().at("mode"), "gateway");  // the gateway's own row always stays
  EXPECT_TRUE(lists(rows, "beacon-209"));
  EXPECT_FALSE(lists(rows, "beacon-10"));
  EXPECT_FALSE(lists(rows, "ui-0"));  // dropped for room although its connection is open
  EXPECT_LE(largestPresenceEvent(watcher), 200u);

  // A newcomer's hello-ok snapshot is bounded the same way and lists the newcomer.
  auto options = gateway.clientOptions();
  options.client.mode = "webchat";
  options.client.instanceId = "newcomer";
  client::GatewayClient newcomer(options);
  const json snapshot = newcomer.connect().at("snapshot").at("presence");
  EXPECT_EQ(snapshot.size(), 200u);
  EXPECT_TRUE(lists(snapshot, "newcomer"));
}

}  // namespace
}  // namespace openclaw::e2e
