// node.list, node.describe, node.invoke and the node side (node.invoke.request,
// node.invoke.result, node.event), in process.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

class NodeMethods : public ::testing::Test {
 protected:
  // A node (paired silently: loopback) declaring `commands`.
  std::shared_ptr<FakeConnection> connectNode(const std::vector<std::string>& commands) {
    json params = InProcessGateway::connectParams({});
    params["role"] = "node";
    params["client"]["id"] = "node-host";
    params["client"]["mode"] = "node";
    params["client"]["displayName"] = "Test Node";
    params["commands"] = commands;
    params["caps"] = {"system"};
    const auto connected = gateway_.connectDevice(params, device_);
    EXPECT_EQ(connected.response.at("ok"), true) << connected.response.dump();
    return connected.connection;
  }

  json invokeParams(const std::string& command) const {
    return {{"nodeId", device_.deviceId()},
            {"command", command},
            {"params", {{"text", "hi"}}},
            {"timeoutMs", 5000},
            {"idempotencyKey", "key-" + command}};
  }

  // "echo.test" is in no platform's defaults: the test node's command needs allowCommands.
  InProcessGateway gateway_{json{{"gateway", {{"nodes", {{"allowCommands", {"echo.test"}}}}}}}};
  auth::DeviceIdentity device_ = auth::DeviceIdentity::generate();
  std::shared_ptr<FakeConnection> op_ = gateway_.connectOperator();
};

TEST_F(NodeMethods, ListAndDescribeShowWhatTheNodeDeclared) {
  connectNode({"echo.test", "system.which"});
  const json list = gateway_.request(op_, "node.list").at("payload");
  ASSERT_EQ(list.at("nodes").size(), 1u) << list.dump();
  const json& entry = list.at("nodes").at(0);
  EXPECT_EQ(entry.at("nodeId"), device_.deviceId());
  EXPECT_EQ(entry.at("paired"), true);
  EXPECT_EQ(entry.at("connected"), true);
  EXPECT_EQ(entry.at("displayName"), "Test Node");
  EXPECT_EQ(entry.at("commands"), json({"echo.test", "system.which"}));
  const json described =
      gateway_.request(op_, "node.describe", {{"nodeId", device_.deviceId()}}).at("payload");
  EXPECT_EQ(described.at("commands"), entry.at("commands"));
  const json unknown = gateway_.request(op_, "node.describe", {{"nodeId", "nope"}});
  EXPECT_TRUE(isError(unknown, "INVALID_REQUEST"));
  EXPECT_EQ(unknown.at("error").at("message"), "unknown nodeId");
}

TEST_F(NodeMethods, InvokeIsForwardedAndTheNodesResultAnswersIt) {
  auto node = connectNode({"echo.test"});
  const std::string id = gateway_.sendRequest(op_, "node.invoke", invokeParams("echo.test"));
  const json request = gateway_.event(node, "node.invoke.request").at("payload");
  EXPECT_EQ(request.at("command"), "echo.test");
  EXPECT_EQ(json::parse(request.at("paramsJSON").get<std::string>()), json({{"text", "hi"}}));
  const json ack = gateway_.request(node, "node.invoke.result",
                                    {{"id", request.at("id")},
                                     {"nodeId", device_.deviceId()},
                                     {"ok", true},
                                     {"payloadJSON", R"({"echo":"hi"})"}});
  EXPECT_EQ(ack.at("payload"), json({{"ok", true}}));
  const json response = gateway_.response(op_, id);
  ASSERT_EQ(response.at("ok"), true) << response.dump();
  EXPECT_EQ(response.at("payload").at("payload"), json({{"echo", "hi"}}));
  EXPECT_EQ(response.at("payload").at("command"), "echo.test");
}

TEST_F(NodeMethods, NodeErrorsReachTheOperator) {
  auto node = connectNode({"echo.test"});
  const std::string id = gateway_.sendRequest(op_, "node.invoke", invokeParams("echo.test"));
  const json request = gateway_.event(node, "node.invoke.request").at("payload");
  gateway_.request(node, "node.invoke.result",
                   {{"id", request.at("id")},
                    {"nodeId", device_.deviceId()},
                    {"ok", false},
                    {"error", {{"code", "DENIED"}, {"message", "not allowed here"}}}});
  const json response = gateway_.response(op_, id);
  EXPECT_TRUE(isError(response, "UNAVAILABLE")) << response.dump();
  EXPECT_EQ(response.at("error").at("details").at("nodeError").at("code"), "DENIED");
}

TEST_F(NodeMethods, UnknownNodesAndUndeclaredCommandsAreRefused) {
  auto ghost = invokeParams("echo.test");
  ghost["nodeId"] = "ghost";
  const json unknown = gateway_.request(op_, "node.invoke", ghost);
  EXPECT_TRUE(isError(unknown, "UNAVAILABLE")) << unknown.dump();
  EXPECT_EQ(unknown.at("error").at("details").at("code"), "NOT_CONNECTED");
  auto node = connectNode({"echo.test"});
  const json undeclared = gateway_.request(op_, "node.invoke", invokeParams("system.which"));
  EXPECT_TRUE(isError(undeclared, "INVALID_REQUEST")) << undeclared.dump();
  EXPECT_EQ(undeclared.at("error").at("details").at("reason"), "command not declared by node");
  for (const std::string& text : node->sent) {
    EXPECT_NE(json::parse(text).value("event", ""), "node.invoke.request") << "forwarded: " << text;
  }
}

TEST_F(NodeMethods, ReadOnlyOperatorsCanListButNotInvoke) {
  connectNode({"echo.test"});
  auto reader = gateway_.connectOperator({protocol::scopes::kRead});
  EXPECT_EQ(gateway_.request(reader, "node.list").at("payload").at("nodes").size(), 1u);
  EXPECT_TRUE(
      isError(gateway_.request(reader, "node.invoke", invokeParams("echo.test")), "FORBIDDEN"));
}

TEST_F(NodeMethods, NodeEventsAreAcknowledgedAndOperatorsCannotSendThem) {
  auto node = connectNode({"echo.test"});
  const json ack =
      gateway_.request(node, "node.event", {{"event", "status.update"}, {"payload", {{"a", 1}}}});
  EXPECT_EQ(ack.at("payload"),
            json({{"ok", true}, {"event", "status.update"}, {"handled", false}}));
  EXPECT_TRUE(isError(gateway_.request(node, "node.event", json::object()), "INVALID_REQUEST"));
  const json refused = gateway_.request(op_, "node.event", {{"event", "status.update"}});
  EXPECT_TRUE(isError(refused, "FORBIDDEN")) << refused.dump();
}

}  // namespace
}  // namespace openclaw::testsupport
