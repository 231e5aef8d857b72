#include "nodes/node_registry.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "nodes/node_catalog.h"

namespace openclaw::nodes {
namespace {

using nlohmann::json;

class FakeConnection final : public rpc::Connection {
 public:
  FakeConnection(std::string connId, rpc::ClientSession session)
      : Connection(std::move(connId), "10.0.0.7") {
    setSession(std::move(session));
  }
  void send(rpc::OutboundText) override {}
  void close(std::uint16_t, std::string) override {}
  void setReadLimit(std::size_t) override {}
};

// Records what the registry sends to nodes.
class RecordingSink final : public rpc::EventSink {
 public:
  void broadcastToOperators(const std::string&, const json&, const std::string&) override {}
  bool sendTo(const std::string& connId, const std::string& event, const json& payload) override {
    if (!reachable) return false;
    sent.push_back({{"connId", connId}, {"event", event}, {"payload", payload}});
    return true;
  }
  bool reachable = true;
  std::vector<json> sent;
};

rpc::ClientSession nodeSession(const std::string& clientId,
                               std::optional<std::string> deviceId = std::nullopt) {
  rpc::ClientSession session;
  session.role = "node";
  session.clientId = clientId;
  session.clientMode = "node";
  session.platform = "linux";
  session.clientVersion = "1.0";
  session.deviceId = std::move(deviceId);
  session.commands = {"system.run"};
  session.clientAddress = "10.0.0.7";  // as the control plane attributes it
  return session;
}

class NodeRegistryTest : public ::testing::Test {
 protected:
  std::shared_ptr<FakeConnection> connectNode(const std::string& connId,
                                              const rpc::ClientSession& session) {
    auto connection = std::make_shared<FakeConnection>(connId, session);
    registry.onSessionStarted(connection);
    return connection;
  }

  InvokeRequest request(const std::string& nodeId, std::int64_t timeoutMs = 1000) const {
    return {nodeId, "system.run", json{{"argv", {"true"}}}, timeoutMs, "key-1"};
  }

  boost::asio::io_context io;
  RecordingSink sink;
  NodeRegistry registry{io, sink};
  std::vector<protocol::Result<InvokeReply>> outcomes;
  NodeRegistry::InvokeDone record = [this](const protocol::Result<InvokeReply>& outcome) {
    outcomes.push_back(outcome);
  };
  // The gateway-made code of the failed outcome `index` (details.nodeError.code).
  std::string failureCode(std::size_t index) const {
    const protocol::GatewayError& error = outcomes.at(index).error();
    EXPECT_EQ(error.code, "UNAVAILABLE");
    return error.details.at("nodeError").at("code");
  }
};

TEST_F(NodeRegistryTest, TracksNodesByDeviceIdElseClientIdAndIgnoresOperators) {
  connectNode("c1", nodeSession("node-host", "device-abc"));
  connectNode("c2", nodeSession("other-node"));
  rpc::ClientSession operatorSession = nodeSession("cli");
  operatorSession.role = "operator";
  connectNode("c3", operatorSession);
  ASSERT_EQ(registry.connected().size(), 2u);
  EXPECT_NE(registry.find("device-abc"), nullptr);
  EXPECT_EQ(registry.find("device-abc")->remoteIp, "10.0.0.7");
  EXPECT_NE(registry.find("other-node"), nullptr);
  EXPECT_EQ(registry.find("cli"), nullptr);
  EXPECT_EQ(registry.nodeIdForConnection("c1"), "device-abc");
  EXPECT_EQ(registry.nodeIdForConnection("c3"), std::nullopt);
}

TEST_F(NodeRegistryTest, AReconnectReplacesTheOldSessionWhoseLateCloseChangesNothing) {
  auto first = connectNode("c1", nodeSession("node-host", "dev"));
  connectNode("c2", nodeSession("node-host", "dev"));
  registry.onSessionEnded(first);
  ASSERT_NE(registry.find("dev"), nullptr);
  EXPECT_EQ(registry.find("dev")->connId, "c2");
}

TEST_F(NodeRegistryTest, InvokeSendsTheRequestAndDeliversTheResultOnce) {
  connectNode("c1", nodeSession("n1"));
  registry.invoke(request("n1"), record);
  ASSERT_EQ(sink.sent.size(), 1u);
  const json& payload = sink.sent[0]["payload"];
  EXPECT_EQ(sink.sent[0]["event"], "node.invoke.request");
  EXPECT_EQ(sink.sent[0]["connId"], "c1");
  EXPECT_EQ(json::parse(payload["paramsJSON"].get<std::string>()), json({{"argv", {"true"}}}));
  const std::string id = payload["id"];
  EXPECT_FALSE(registry.completeInvoke(id, "someone-else", InvokeReply{json(1), std::nullopt}));
  EXPECT_TRUE(registry.completeInvoke(id, "n1", InvokeReply{json(1), std::nullopt}));
  EXPECT_FALSE(registry.completeInvoke(id, "n1", InvokeReply{json(2), std::nullopt}));
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_TRUE(outcomes[0]);
  EXPECT_EQ(outcomes[0]->payload, json(1));
  EXPECT_EQ(registry.pendingInvokeCount(), 0u);
}

TEST_F(NodeRegistryTest, ANodesOwnFailureKeepsItsMessageAndCode) {
  connectNode("c1", nodeSession("n1"));
  registry.invoke(request("n1"), record);
  const std::string id = sink.sent[0]["payload"]["id"];
  EXPECT_TRUE(registry.completeInvoke(
      id, "n1", invokeFailure({{"code", "EXEC_DENIED"}, {"message", "denied by policy"}})));
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(failureCode(0), "EXEC_DENIED");
  EXPECT_EQ(outcomes[0].error().message, "denied by policy");
  // A failure without a usable message gets a generic one; the node's error is kept as sent.
  const protocol::GatewayError bare = invokeFailure("boom");
  EXPECT_EQ(bare.message, "node invoke failed");
  EXPECT_EQ(bare.details.at("nodeError"), "boom");
}

TEST_F(NodeRegistryTest, InvokeTimesOutAndDropsTheLateResult) {
  connectNode("c1", nodeSession("n1"));
  registry.invoke(request("n1", 10), record);
  const std::string id = sink.sent[0]["payload"]["id"];
  io.run_for(std::chrono::seconds(2));  // returns as soon as the deadline fired (no more work)
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(failureCode(0), "TIMEOUT");
  EXPECT_EQ(outcomes[0].error().message, "node invoke timed out");
  EXPECT_FALSE(registry.completeInvoke(id, "n1", InvokeReply{}));
}

TEST_F(NodeRegistryTest, DisconnectFailsOnlyThatNodesInvokes) {
  auto one = connectNode("c1", nodeSession("n1"));
  connectNode("c2", nodeSession("n2"));
  registry.invoke(request("n1"), record);
  registry.invoke(request("n2"), record);
  registry.onSessionEnded(one);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(failureCode(0), "NODE_DISCONNECTED");
  EXPECT_EQ(registry.pendingInvokeCount(), 1u);
  EXPECT_EQ(registry.find("n1"), nullptr);
}

TEST_F(NodeRegistryTest, UnknownOrUnreachableNodesFailAtOnce) {
  registry.invoke(request("ghost"), record);
  connectNode("c1", nodeSession("n1"));
  sink.reachable = false;
  registry.invoke(request("n1"), record);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(failureCode(0), "NOT_CONNECTED");
  EXPECT_EQ(failureCode(1), "UNAVAILABLE");
  EXPECT_EQ(registry.pendingInvokeCount(), 0u);
}

TEST(NodeCatalog, MergesConnectedAndOfflinePairedNodes) {
  NodeSession withDevice;
  withDevice.nodeId = "dev-1";
  withDevice.deviceId = "dev-1";
  withDevice.commands = {"system.run"};
  NodeSession deviceless;
  deviceless.nodeId = "node-host";
  const json paired = json::array({{{"nodeId", "dev-1"}, {"approvedAtMs", 5}},
                                   {{"nodeId", "dev-0"}, {"displayName", "old box"}},
                                   // Same id as the device-less node, but it never proved it.
                                   {{"nodeId", "node-host"}}});
  const json rows = knownNodes({&withDevice, &deviceless}, paired);
  ASSERT_EQ(rows.size(), 3u) << rows.dump();
  EXPECT_EQ(rows[0]["nodeId"], "dev-1");
  EXPECT_EQ(rows[0]["paired"], true);
  EXPECT_EQ(rows[0]["approvedAtMs"], 5);
  EXPECT_EQ(rows[1]["nodeId"], "node-host");
  EXPECT_EQ(rows[1]["paired"], false);
  EXPECT_EQ(rows[2]["nodeId"], "dev-0");
  EXPECT_EQ(rows[2]["connected"], false);
  EXPECT_EQ(rows[2]["displayName"], "old box");
  EXPECT_EQ(knownNode({&withDevice}, paired, "dev-0")["connected"], false);
  EXPECT_TRUE(knownNode({&withDevice}, paired, "nope").is_null());
}

}  // namespace
}  // namespace openclaw::nodes
