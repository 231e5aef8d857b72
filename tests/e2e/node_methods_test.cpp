// node.list, node.describe, node.invoke and the node side (node.invoke.request, node.invoke.result,
// node.event) with test node clients speaking the protocol by hand.
#include <gtest/gtest.h>

#include "auth/device_auth.h"
#include "core/clock.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class NodeMethods : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // A node client (id "node-host") that declares `commands`, on protocol `protocol`. With
  // `signed`, it proves the device identity `device` (paired silently: loopback) and is known
  // by its device id; without, it is an unpaired node known as "node-host".
  client::GatewayClient connectNode(const std::vector<std::string>& commands, int protocol = 4,
                                    bool withDevice = true) {
    auto options = gateway.nodeClientOptions();
    options.client.displayName = "Test Node";
    options.client.deviceFamily = "Linux";
    options.minProtocol = options.maxProtocol = protocol;
    client::GatewayClient node(options);
    const json challenge = node.open();
    json params = node.buildConnectParams();
    params["commands"] = commands;
    params["caps"] = json::array({"system"});
    params["permissions"] = {{"exec", true}};
    if (withDevice) {
      params["device"] =
          auth::signDeviceProof(device, params, challenge.at("nonce"), core::nowMs());
    }
    node.handshake(params);
    return node;
  }

  // Sends a node.invoke without waiting, so the test can play the node meanwhile.
  static void sendInvoke(client::GatewayClient& op, const std::string& requestId,
                         const json& params) {
    op.sendText(
        json{{"type", "req"}, {"id", requestId}, {"method", "node.invoke"}, {"params", params}}
            .dump());
  }

  // The response frame `requestId`, skipping events.
  static json awaitResponse(client::GatewayClient& client, const std::string& requestId,
                            std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto text = client.readText(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (!text) break;
      json frame = json::parse(*text);
      if (frame.value("type", "") == "res" && frame.value("id", "") == requestId) return frame;
    }
    throw std::runtime_error("no response " + requestId);
  }

  // Whether a node.invoke.request reaches `node` within `window` (other events are skipped).
  static bool invokeRequestArrives(client::GatewayClient& node, std::chrono::milliseconds window) {
    const auto deadline = std::chrono::steady_clock::now() + window;
    while (std::chrono::steady_clock::now() < deadline) {
      auto event = node.nextEvent(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (event && event->value("event", "") == "node.invoke.request") return true;
    }
    return false;
  }

  json invokeParams(const std::string& command, std::int64_t timeoutMs = 5000) const {
    return {{"nodeId", nodeId},
            {"command", command},
            {"params", {{"text", "hi"}}},
            {"timeoutMs", timeoutMs},
            {"idempotencyKey", "key-" + command + std::to_string(timeoutMs)}};
  }

  // "echo.test" is in no platform's defaults: the test nodes' command needs allowCommands.
  GatewayProcess gateway{json{{"gateway", {{"nodes", {{"allowCommands", {"echo.test"}}}}}}}};
  auth::DeviceIdentity device = auth::DeviceIdentity::generate();
  const std::string nodeId = device.deviceId();
};

TEST_F(NodeMethods, ListAndDescribeShowWhatTheNodeDeclared) {
  auto node = connectNode({"echo.test", "system.which"});
  auto op = gateway.connect();
  const json list = op.call("node.list");
  ASSERT_EQ(list.at("nodes").size(), 1u) << list.dump();
  const json& entry = list.at("nodes").at(0);
  EXPECT_EQ(entry.at("nodeId"), nodeId);
  EXPECT_EQ(entry.at("paired"), true);
  EXPECT_EQ(entry.at("displayName"), "Test Node");
  EXPECT_EQ(entry.at("deviceFamily"), "Linux");
  EXPECT_EQ(entry.at("commands"), json::array({"echo.test", "system.which"}));
  EXPECT_EQ(entry.at("caps"), json::array({"system"}));
  EXPECT_EQ(entry.at("permissions"), json({{"exec", true}}));
  EXPECT_EQ(entry.at("connected"), true);
  EXPECT_EQ(entry.at("remoteIp"), "127.0.0.1");
  EXPECT_GT(entry.at("connectedAtMs").get<std::int64_t>(), 0);

  const json described = op.call("node.describe", {{"nodeId", nodeId}});
  EXPECT_EQ(described.at("commands"), entry.at("commands"));
  EXPECT_TRUE(described.at("ts").is_number_integer());

  const json unknown = op.request("node.describe", {{"nodeId", "nope"}});
  EXPECT_EQ(unknown.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(unknown.at("error").at("message"), "unknown nodeId");
  EXPECT_EQ(op.request("node.describe", json::object()).at("error").at("code"), "INVALID_REQUEST");
}

TEST_F(NodeMethods, ProtocolThreeNodeIsListed) {
  auto node = connectNode({"echo.test"}, 3, false);
  auto op = gateway.connect();
  const json entry = op.call("node.list").at("nodes").at(0);
  EXPECT_EQ(entry.at("nodeId"), "node-host");  // no device identity: known by its client id
  EXPECT_EQ(entry.at("paired"), false);
}

TEST_F(NodeMethods, DisconnectedNodesStayListedOnlyWhenPaired) {
  {
    auto paired = connectNode({"echo.test"});
    auto unpaired = connectNode({"echo.test"}, 4, false);
  }
  auto op = gateway.connect();
  // The closes are processed asynchronously: wait for presence to show only the operator.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  auto connectedCount = [&op] {
    int count = 0;
    const json list = op.call("node.list");  // kept alive while its rows are read
    for (const json& node : list.at("nodes")) count += node.value("connected", false) ? 1 : 0;
    return count;
  };
  while (connectedCount() > 0 && std::chrono::steady_clock::now() < deadline) {
    op.waitEvent("presence", 5s);
  }
  const json nodes = op.call("node.list").at("nodes");
  ASSERT_EQ(nodes.size(), 1u) << nodes.dump();
  EXPECT_EQ(nodes.at(0).at("nodeId"), nodeId);
  EXPECT_EQ(nodes.at(0).at("paired"), true);
  EXPECT_EQ(nodes.at(0).at("connected"), false);
  EXPECT_EQ(op.call("node.describe", {{"nodeId", nodeId}}).at("connected"), false);
  EXPECT_EQ(op.request("node.describe", {{"nodeId", "node-host"}}).at("error").at("message"),
            "unknown nodeId");
  // An offline node cannot be invoked.
  EXPECT_EQ(
      op.request("node.invoke", invokeParams("echo.test")).at("error").at("details").at("code"),
      "NOT_CONNECTED");
}

TEST_F(NodeMethods, UnpairedNodeIsDescribedButNotInvoked) {
  auto node = connectNode({"echo.test"}, 4, false);
  auto op = gateway.connect();
  EXPECT_EQ(op.call("node.describe", {{"nodeId", "node-host"}}).at("paired"), false);
  auto params = invokeParams("echo.test");
  params["nodeId"] = "node-host";
  const json refused = op.request("node.invoke", params);
  EXPECT_EQ(refused.at("error").at("code"), "NOT_PAIRED");
  EXPECT_EQ(refused.at("error").at("details").at("code"), "PAIRING_REQUIRED");
  EXPECT_FALSE(invokeRequestArrives(node, 300ms));
}

TEST_F(NodeMethods, InvokeForwardsToTheNodeAndReturnsItsPayload) {
  auto node = connectNode({"echo.test"});
  auto op = gateway.connect();
  sendInvoke(op, "inv-1", invokeParams("echo.test"));
  const json request = node.waitEvent("node.invoke.request", 5s).at("payload");
  EXPECT_EQ(request.at("nodeId"), nodeId);
  EXPECT_EQ(request.at("command"), "echo.test");
  EXPECT_EQ(json::parse(request.at("paramsJSON").get<std::string>()), json({{"text", "hi"}}));
  EXPECT_EQ(request.at("timeoutMs"), 5000);
  EXPECT_EQ(request.at("idempotencyKey"), "key-echo.test5000");
  const json ack = node.call("node.invoke.result", {{"id", request.at("id")},
                                                    {"nodeId", nodeId},
                                                    {"ok", true},
                                                    {"payloadJSON", R"({"echo":"hi"})"}});
  EXPECT_EQ(ack, json({{"ok", true}}));
  const json response = awaitResponse(op, "inv-1");
  ASSERT_EQ(response.at("ok"), true) << response.dump();
  EXPECT_EQ(response.at("payload").at("payload"), json({{"echo", "hi"}}));
  EXPECT_EQ(response.at("payload").at("command"), "echo.test");

  // A retry with the same idempotency key is answered from memory, not sent to the node again.
  const json retry = op.call("node.invoke", invokeParams("echo.test"));
  EXPECT_EQ(retry.at("payload"), json({{"echo", "hi"}}));
  EXPECT_FALSE(invokeRequestArrives(node, 300ms));
}

TEST_F(NodeMethods, NodeErrorsReachTheOperator) {
  auto node = connectNode({"echo.test"});
  auto op = gateway.connect();
  sendInvoke(op, "inv-err", invokeParams("echo.test"));
  const json request = node.waitEvent("node.invoke.request", 5s).at("payload");
  node.call("node.invoke.result",
            {{"id", request.at("id")},
             {"nodeId", nodeId},
             {"ok", false},
             {"error", {{"code", "DENIED"}, {"message", "not allowed here"}}}});
  const json response = awaitResponse(op, "inv-err");
  EXPECT_EQ(response.at("error").at("code"), "UNAVAILABLE");
  EXPECT_EQ(response.at("error").at("message"), "not allowed here");
  EXPECT_EQ(response.at("error").at("details").at("nodeError").at("code"), "DENIED");
}

TEST_F(NodeMethods, UnknownNodeAndUndeclaredCommandAreRefused) {
  auto op = gateway.connect();
  auto params = invokeParams("echo.test");
  params["nodeId"] = "ghost";
  const json unknown = op.request("node.invoke", params);
  EXPECT_EQ(unknown.at("error").at("code"), "UNAVAILABLE");
  EXPECT_EQ(unknown.at("error").at("details").at("code"), "NOT_CONNECTED");

  auto node = connectNode({"echo.test"});
  const json undeclared = op.request("node.invoke", invokeParams("system.which"));
  EXPECT_EQ(undeclared.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(undeclared.at("error").at("details").at("reason"), "command not declared by node");
  EXPECT_FALSE(invokeRequestArrives(node, 300ms));  // nothing was forwarded

  auto missingKey = invokeParams("echo.test");
  missingKey.erase("idempotencyKey");
  EXPECT_EQ(op.request("node.invoke", missingKey).at("error").at("code"), "INVALID_REQUEST");
}

TEST_F(NodeMethods, CommandsOutsideTheGatewayPolicyAreRefusedButStillListed) {
  auto node = connectNode({"echo.test", "camera.snap"});
  auto op = gateway.connect();
  const json refused = op.request("node.invoke", invokeParams("camera.snap"));
  EXPECT_EQ(refused.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(refused.at("error").at("details").at("reason"), "command not allowlisted");
  EXPECT_EQ(refused.at("error").at("details").at("command"), "camera.snap");
  EXPECT_TRUE(contains(refused.at("error").at("message"), "gateway.nodes.allowCommands"))
      << refused.dump();
  EXPECT_FALSE(invokeRequestArrives(node, 300ms));
  EXPECT_EQ(op.call("node.describe", {{"nodeId", nodeId}}).at("commands"),
            json::array({"echo.test", "camera.snap"}));
}

TEST_F(NodeMethods, DenyCommandsIsAppliedLiveAndWinsOverAllowCommands) {
  auto node = connectNode({"echo.test"});
  auto op = gateway.connect();
  gateway.editConfig({{"gateway", {{"nodes", {{"denyCommands", {" echo.test "}}}}}}});
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied gateway.nodes.denyCommands", 10s))
      << gateway.output();
  const json denied = op.request("node.invoke", invokeParams("echo.test"));
  EXPECT_EQ(denied.at("error").at("details").at("reason"), "command not allowlisted");
  EXPECT_TRUE(contains(denied.at("error").at("message"), "gateway.nodes.denyCommands"))
      << denied.dump();
  EXPECT_FALSE(invokeRequestArrives(node, 300ms));

  gateway.editConfig({{"gateway", {{"nodes", {{"denyCommands", nullptr}}}}}});
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied gateway.nodes.denyCommands", 10s, 2))
      << gateway.output();
  sendInvoke(op, "inv-again", invokeParams("echo.test"));
  EXPECT_TRUE(invokeRequestArrives(node, 5s));
}

TEST_F(NodeMethods, InvokeTimesOutAndALateResultIsDropped) {
  auto node = connectNode({"echo.test"});
  auto op = gateway.connect();
  sendInvoke(op, "inv-slow", invokeParams("echo.test", 300));
  const json request = node.waitEvent("node.invoke.request", 5s).at("payload");
  const json response = awaitResponse(op, "inv-slow");
  EXPECT_EQ(response.at("error").at("code"), "UNAVAILABLE");
  EXPECT_EQ(response.at("error").at("details").at("nodeError").at("code"), "TIMEOUT");
  const json late =
      node.call("node.invoke.result", {{"id", request.at("id")}, {"nodeId", nodeId}, {"ok", true}});
  EXPECT_EQ(late, json({{"ok", true}, {"ignored", true}}));
}

TEST_F(NodeMethods, NodeDisconnectingMidInvokeFailsItAtOnce) {
  auto node = std::make_unique<client::GatewayClient>(connectNode({"echo.test"}));
  auto op = gateway.connect();
  const auto started = std::chrono::steady_clock::now();
  sendInvoke(op, "inv-gone", invokeParams("echo.test", 30000));
  node->waitEvent("node.invoke.request", 5s);
  node.reset();
  const json response = awaitResponse(op, "inv-gone");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_EQ(response.at("error").at("code"), "UNAVAILABLE");
  EXPECT_EQ(response.at("error").at("details").at("nodeError").at("code"), "NODE_DISCONNECTED");
}

TEST_F(NodeMethods, ResultsAreAcceptedOnlyFromTheInvokedNode) {
  auto node = connectNode({"echo.test"});
  const json mismatch =
      node.request("node.invoke.result", {{"id", "x"}, {"nodeId", "someone-else"}, {"ok", true}});
  EXPECT_EQ(mismatch.at("error").at("message"), "nodeId mismatch");
  const json bad = node.request("node.invoke.result", {{"id", "x"}, {"nodeId", nodeId}});
  EXPECT_EQ(bad.at("error").at("code"), "INVALID_REQUEST");  // ok is required
  auto op = gateway.connect();
  EXPECT_EQ(op.request("node.invoke.result", {{"id", "x"}, {"nodeId", nodeId}, {"ok", true}})
                .at("error")
                .at("code"),
            "FORBIDDEN");  // operators cannot answer for nodes
}

TEST_F(NodeMethods, NodeEventsAreAcknowledged) {
  auto node = connectNode({});
  const json result =
      node.call("node.event", {{"event", "status.update"}, {"payload", {{"a", 1}}}});
  EXPECT_EQ(result, json({{"ok", true}, {"event", "status.update"}, {"handled", false}}));
  EXPECT_EQ(node.request("node.event", json::object()).at("error").at("code"), "INVALID_REQUEST");
}

TEST_F(NodeMethods, ReadOnlyOperatorsCanListButNotInvoke) {
  auto node = connectNode({"echo.test"});
  auto options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient reader(options);
  reader.connect();
  EXPECT_EQ(reader.call("node.list").at("nodes").size(), 1u);
  const json denied = reader.request("node.invoke", invokeParams("echo.test"));
  EXPECT_EQ(denied.at("error").at("code"), "FORBIDDEN");
  EXPECT_EQ(denied.at("error").at("details").at("missingScope"), "operator.write");
}

}  // namespace
}  // namespace openclaw::e2e
