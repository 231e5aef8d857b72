// Device and node pairing (device.pair.*, node.pair.*), in process. A connection's remote address
// is whatever the test says, so "remote" devices need no second network interface here.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

constexpr const char* kRemoteAddress = "203.0.113.7";

class PairingMethods : public ::testing::Test {
 protected:
  static json operatorParams() {
    json params = InProcessGateway::connectParams({protocol::scopes::kRead});
    params["client"]["id"] = "openclaw-ios";
    params["client"]["mode"] = "ui";
    params["client"]["displayName"] = "Test Phone";
    return params;
  }

  static json nodeParams() {
    json params = InProcessGateway::connectParams({});
    params["role"] = "node";
    params["client"]["id"] = "node-host";
    params["client"]["mode"] = "node";
    return params;
  }

  // The requestId of the NOT_PAIRED refusal a remote connect gets.
  std::string pendingRequestId(const json& params) {
    const auto refused = gateway_.connectDevice(params, device_, kRemoteAddress);
    EXPECT_TRUE(isError(refused.response, "NOT_PAIRED")) << refused.response.dump();
    EXPECT_EQ(refused.response.at("error").at("details").at("code"), "PAIRING_REQUIRED");
    EXPECT_TRUE(gateway_.waitClosed(refused.connection));
    EXPECT_EQ(refused.connection->closeCode, 1008);
    return refused.response.at("error").at("details").at("requestId");
  }

  InProcessGateway gateway_;
  auth::DeviceIdentity device_ = auth::DeviceIdentity::generate();
  std::shared_ptr<FakeConnection> admin_ = gateway_.connectOperator();
};

TEST_F(PairingMethods, LoopbackDeviceIsPairedSilentlyWithADeviceToken) {
  const auto connected = gateway_.connectDevice(operatorParams(), device_);
  ASSERT_EQ(connected.response.at("ok"), true) << connected.response.dump();
  const json& auth = connected.response.at("payload").at("auth");
  EXPECT_TRUE(auth.contains("deviceToken")) << auth.dump();
  EXPECT_EQ(auth.at("scopes"), json({"operator.read"}));
  const json paired = gateway_.request(admin_, "device.pair.list", json::object()).at("payload");
  ASSERT_EQ(paired.at("paired").size(), 1u) << paired.dump();
  EXPECT_EQ(paired.at("paired")[0].at("deviceId"), device_.deviceId());
  EXPECT_TRUE(paired.at("pending").empty());
}

TEST_F(PairingMethods, RowsSayWhetherTheDeviceIsConnectedAndWhenItWasLastSeen) {
  const auto connected = gateway_.connectDevice(operatorParams(), device_);
  ASSERT_EQ(connected.response.at("ok"), true) << connected.response.dump();
  const auto row = [this] {
    return gateway_.request(admin_, "device.pair.list").at("payload").at("paired").at(0);
  };
  const json online = row();
  EXPECT_EQ(online.at("connected"), true);
  EXPECT_EQ(online.at("lastSeenReason"), "connect");
  const std::int64_t seenAt = online.at("lastSeenAtMs");
  EXPECT_GT(seenAt, 0);

  gateway_.disconnect(connected.connection);
  const json offline = row();
  EXPECT_EQ(offline.at("connected"), false);
  EXPECT_EQ(offline.at("lastSeenReason"), "disconnect");
  EXPECT_GE(offline.at("lastSeenAtMs").get<std::int64_t>(), seenAt);
}

TEST_F(PairingMethods, RemoteDeviceWaitsForApprovalThenConnects) {
  const std::string requestId = pendingRequestId(operatorParams());
  const json requested = gateway_.event(admin_, "device.pair.requested").at("payload");
  EXPECT_EQ(requested.at("requestId"), requestId);
  EXPECT_EQ(requested.at("deviceId"), device_.deviceId());
  EXPECT_EQ(requested.at("displayName"), "Test Phone");
  EXPECT_EQ(pendingRequestId(operatorParams()), requestId);  // a reconnect reuses the request
  const json pending =
      gateway_.request(admin_, "device.pair.list", json::object()).at("payload").at("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].at("remoteIp"), kRemoteAddress);

  const json approved = gateway_.request(admin_, "device.pair.approve", {{"requestId", requestId}});
  EXPECT_EQ(approved.at("payload").at("device").at("deviceId"), device_.deviceId());
  EXPECT_EQ(gateway_.event(admin_, "device.pair.resolved").at("payload").at("decision"),
            "approved");
  const auto connected = gateway_.connectDevice(operatorParams(), device_, kRemoteAddress);
  EXPECT_EQ(connected.response.at("ok"), true) << connected.response.dump();
}

TEST_F(PairingMethods, RejectedRequestIsGoneAndUnknownRequestsAreRefused) {
  const std::string requestId = pendingRequestId(operatorParams());
  EXPECT_EQ(gateway_.request(admin_, "device.pair.reject", {{"requestId", requestId}})
                .at("payload")
                .at("requestId"),
            requestId);
  EXPECT_EQ(gateway_.event(admin_, "device.pair.resolved").at("payload").at("decision"),
            "rejected");
  EXPECT_TRUE(gateway_.request(admin_, "device.pair.list", json::object())
                  .at("payload")
                  .at("pending")
                  .empty());
  EXPECT_TRUE(isError(gateway_.request(admin_, "device.pair.approve", {{"requestId", requestId}}),
                      "INVALID_REQUEST"));
}

TEST_F(PairingMethods, ApprovalNeedsTheScopesItGrants) {
  const std::string requestId = pendingRequestId(operatorParams());
  auto pairingOnly = gateway_.connectOperator({protocol::scopes::kPairing});
  const json denied =
      gateway_.request(pairingOnly, "device.pair.approve", {{"requestId", requestId}});
  EXPECT_TRUE(isError(denied, "FORBIDDEN")) << denied.dump();
  EXPECT_EQ(denied.at("error").at("details").at("missingScope"), "operator.read");
}

TEST_F(PairingMethods, NodeDevicePairsThroughNodePairMethods) {
  const std::string requestId = pendingRequestId(nodeParams());
  EXPECT_EQ(gateway_.event(admin_, "node.pair.requested").at("payload").at("nodeId"),
            device_.deviceId());
  const json pending =
      gateway_.request(admin_, "node.pair.list", json::object()).at("payload").at("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].at("requestId"), requestId);
  EXPECT_EQ(gateway_.request(admin_, "node.pair.approve", {{"requestId", requestId}})
                .at("payload")
                .at("node")
                .at("nodeId"),
            device_.deviceId());
  const auto node = gateway_.connectDevice(nodeParams(), device_, kRemoteAddress);
  ASSERT_EQ(node.response.at("ok"), true) << node.response.dump();
  EXPECT_EQ(node.response.at("payload").at("auth").at("role"), "node");

  EXPECT_EQ(gateway_.request(admin_, "node.pair.remove", {{"nodeId", device_.deviceId()}})
                .at("payload")
                .at("nodeId"),
            device_.deviceId());
  ASSERT_TRUE(gateway_.waitClosed(node.connection));
  EXPECT_EQ(node.connection->closeCode, 1008);
}

TEST_F(PairingMethods, NodePairRequestBadParamsAreRefused) {
  EXPECT_TRUE(
      isError(gateway_.request(admin_, "node.pair.request", json::object()), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(admin_, "node.pair.approve", {{"requestId", "nope"}}),
                      "INVALID_REQUEST"));
}

}  // namespace
}  // namespace openclaw::testsupport
