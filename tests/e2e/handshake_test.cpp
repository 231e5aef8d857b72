// The connect handshake against the real binary: challenge, hello-ok, version negotiation.
#include <gtest/gtest.h>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class Handshake : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }
  GatewayProcess gateway;
};

TEST_F(Handshake, ChallengeCarriesNonceAndTimestamp) {
  client::GatewayClient client(gateway.clientOptions());
  const json challenge = client.open();
  ASSERT_TRUE(challenge.at("nonce").is_string());
  EXPECT_GE(challenge.at("nonce").get<std::string>().size(), 16u);
  ASSERT_TRUE(challenge.at("ts").is_number_integer());
  EXPECT_GT(challenge.at("ts").get<std::int64_t>(), 1'700'000'000'000);

  client::GatewayClient other(gateway.clientOptions());
  EXPECT_NE(other.open().at("nonce"), challenge.at("nonce"));
}

TEST_F(Handshake, HelloOkDescribesServerSnapshotAuthAndPolicy) {
  client::GatewayClient client(gateway.clientOptions());
  const json hello = client.connect();
  EXPECT_EQ(hello.at("type"), "hello-ok");
  EXPECT_EQ(hello.at("protocol"), 4);
  EXPECT_FALSE(hello.at("server").at("version").get<std::string>().empty());
  EXPECT_FALSE(hello.at("server").at("connId").get<std::string>().empty());

  const json methods = hello.at("features").at("methods");
  for (const char* method : {"health", "status", "system-presence", "system-event"}) {
    EXPECT_NE(std::find(methods.begin(), methods.end(), method), methods.end()) << method;
  }
  const json events = hello.at("features").at("events");
  for (const char* event : {"tick", "presence", "shutdown"}) {
    EXPECT_NE(std::find(events.begin(), events.end(), event), events.end()) << event;
  }

  const json snapshot = hello.at("snapshot");
  EXPECT_TRUE(snapshot.at("presence").is_array());
  EXPECT_EQ(snapshot.at("health").at("ok"), true);
  EXPECT_TRUE(snapshot.at("stateVersion").at("presence").is_number_unsigned());
  EXPECT_TRUE(snapshot.at("stateVersion").at("health").is_number_unsigned());
  EXPECT_GE(snapshot.at("uptimeMs").get<std::int64_t>(), 0);
  EXPECT_EQ(snapshot.at("configPath"),
            (gateway.home().path() / ".openclaw" / "openclaw.json").string());
  EXPECT_EQ(snapshot.at("stateDir"), (gateway.home().path() / ".openclaw").string());
  EXPECT_EQ(snapshot.at("authMode"), "token");

  EXPECT_EQ(hello.at("auth").at("role"), "operator");
  EXPECT_EQ(hello.at("auth").at("scopes"),
            json({"operator.admin", "operator.read", "operator.write"}));
  EXPECT_EQ(hello.at("policy").at("maxPayload"), 25 * 1024 * 1024);
  EXPECT_EQ(hello.at("policy").at("maxBufferedBytes"), 50 * 1024 * 1024);
  EXPECT_EQ(hello.at("policy").at("tickIntervalMs"), 30000);
}

TEST_F(Handshake, EveryConnectionGetsItsOwnConnId) {
  auto first = gateway.connect();
  client::GatewayClient second(gateway.clientOptions());
  const json hello = second.connect();
  client::GatewayClient third(gateway.clientOptions());
  EXPECT_NE(hello.at("server").at("connId"), third.connect().at("server").at("connId"));
}

TEST_F(Handshake, SnapshotPresenceHoldsTheGatewayAndTheNewClient) {
  auto options = gateway.clientOptions();
  options.client.mode = "ui";  // cli, backend and probe clients get no presence row
  options.client.instanceId = "e2e-instance-1";
  client::GatewayClient client(options);
  const json presence = client.connect().at("snapshot").at("presence");
  bool sawGateway = false;
  bool sawSelf = false;
  for (const json& entry : presence) {
    sawGateway |= entry.value("mode", "") == "gateway" && entry.value("reason", "") == "self";
    sawSelf |= entry.value("instanceId", "") == "e2e-instance-1";
  }
  EXPECT_TRUE(sawGateway) << presence.dump();
  EXPECT_TRUE(sawSelf) << presence.dump();
}

TEST_F(Handshake, ProtocolThreeIsAcceptedForNodesAndProbes) {
  auto node = gateway.nodeClientOptions();
  node.minProtocol = 3;
  node.maxProtocol = 3;
  client::GatewayClient nodeClient(node);
  EXPECT_EQ(nodeClient.connect().at("protocol"), 3);

  auto probe = gateway.clientOptions();
  probe.client.mode = "probe";
  probe.minProtocol = 3;
  probe.maxProtocol = 3;
  client::GatewayClient probeClient(probe);
  EXPECT_EQ(probeClient.connect().at("protocol"), 3);
}

TEST_F(Handshake, OperatorOnProtocolThreeGetsProtocolMismatchAndClose1002) {
  auto options = gateway.clientOptions();
  options.minProtocol = 3;
  options.maxProtocol = 3;
  client::GatewayClient client(options);
  try {
    client.connect();
    FAIL() << "connect should have been rejected";
  } catch (const client::RequestRejected& error) {
    EXPECT_EQ(error.error().code, "INVALID_REQUEST");
    EXPECT_EQ(error.error().details.at("code"), "PROTOCOL_MISMATCH");
    EXPECT_EQ(error.error().details.at("expectedProtocol"), 4);
    EXPECT_EQ(error.error().details.at("clientMaxProtocol"), 3);
  }
  EXPECT_EQ(client.waitClosed(5s).code, 1002);
}

TEST_F(Handshake, FutureOnlyClientGetsProtocolMismatch) {
  auto options = gateway.clientOptions();
  options.minProtocol = 5;
  options.maxProtocol = 6;
  client::GatewayClient client(options);
  EXPECT_THROW(client.connect(), client::RequestRejected);
  EXPECT_EQ(client.waitClosed(5s).code, 1002);
}

TEST_F(Handshake, SecondConnectOnTheSameSocketIsRefused) {
  auto client = gateway.connect();
  const json response = client.request("connect", client.buildConnectParams());
  EXPECT_EQ(response.at("ok"), false);
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
  // The connection stays usable.
  EXPECT_EQ(client.call("health").at("ok"), true);
}

}  // namespace
}  // namespace openclaw::e2e
