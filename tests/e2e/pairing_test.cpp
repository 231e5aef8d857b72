// Device identity and pairing against the real binary: signed connects, silent loopback pairing,
// device tokens across restarts, the approval path over a LAN address, and every refusal code.
#include <gtest/gtest.h>

#include <csignal>

#include "auth/device_auth.h"
#include "auth/device_identity.h"
#include "core/clock.h"
#include "core/network.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::shared_ptr<const auth::DeviceIdentity> newDevice() {
  return std::make_shared<const auth::DeviceIdentity>(auth::DeviceIdentity::generate());
}

// The error a connect is refused with, and the close code that follows it.
struct Refusal {
  std::string code;
  json details;
  std::uint16_t closeCode = 0;
};

Refusal refusalOf(client::GatewayClient& client, const json& params) {
  try {
    client.handshake(params);
  } catch (const client::RequestRejected& error) {
    return {error.error().code, error.error().details, client.waitClosed(5s).code};
  }
  ADD_FAILURE() << "connect was accepted";
  return {};
}

class Pairing : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // Options for a device-bearing operator client; `token` false leaves the shared secret out.
  client::ConnectOptions deviceOptions(std::shared_ptr<const auth::DeviceIdentity> device,
                                       std::vector<std::string> scopes = {"operator.read"}) {
    auto options = gateway.clientOptions();
    options.client.id = "openclaw-macos";
    options.client.mode = "ui";
    options.device = std::move(device);
    options.scopes = std::move(scopes);
    return options;
  }

  json connect(const client::ConnectOptions& options) {
    client::GatewayClient client(options);
    return client.connect();
  }

  // A connect signed for this connection's challenge, then altered by `tamper` before sending.
  Refusal refusedConnect(const std::function<void(json& device)>& tamper) {
    const auto device = newDevice();
    client::GatewayClient client(deviceOptions(nullptr));
    const json challenge = client.open();
    json params = client.buildConnectParams();
    params["device"] = auth::signDeviceProof(*device, params, challenge.at("nonce"), core::nowMs());
    tamper(params["device"]);
    return refusalOf(client, params);
  }

  GatewayProcess gateway;
};

TEST_F(Pairing, LoopbackDeviceIsPairedSilentlyAndItsTokenWorksAcrossRestarts) {
  const auto device = newDevice();
  const json hello = connect(deviceOptions(device, {"operator.read", "operator.write"}));
  const json& auth = hello.at("auth");
  ASSERT_TRUE(auth.contains("deviceToken")) << auth;
  EXPECT_EQ(auth.at("role"), "operator");
  EXPECT_EQ(auth.at("scopes"), json({"operator.read", "operator.write"}));
  EXPECT_TRUE(auth.at("issuedAtMs").is_number_integer());
  const std::string token = auth.at("deviceToken");

  // The device token replaces the shared secret, and without scopes asked keeps the grant.
  auto byToken = deviceOptions(device, {});
  byToken.token.reset();
  byToken.deviceToken = token;
  EXPECT_EQ(connect(byToken).at("auth").at("scopes"), json({"operator.read", "operator.write"}));

  gateway.stop(SIGTERM);
  gateway.start();
  byToken.url = gateway.url();
  EXPECT_EQ(connect(byToken).at("auth").at("role"), "operator");

  gateway.stop(SIGKILL);  // the pairing was committed before hello-ok: nothing to lose
  gateway.start();
  byToken.url = gateway.url();
  EXPECT_EQ(connect(byToken).at("auth").at("scopes"), json({"operator.read", "operator.write"}));
}

TEST_F(Pairing, DeviceTokenIsRefusedForOtherDevicesAndWiderScopes) {
  const auto device = newDevice();
  const std::string token =
      connect(deviceOptions(device)).at("auth").at("deviceToken").get<std::string>();

  auto wider = deviceOptions(device, {"operator.admin"});
  wider.token.reset();
  wider.deviceToken = token;
  client::GatewayClient widerClient(wider);
  try {
    widerClient.connect();
    FAIL() << "wider scopes accepted";
  } catch (const client::RequestRejected& error) {
    EXPECT_EQ(error.error().details.at("code"), "AUTH_SCOPE_MISMATCH");
  }

  auto stolen = deviceOptions(newDevice());
  stolen.token.reset();
  stolen.deviceToken = token;
  client::GatewayClient stolenClient(stolen);
  try {
    stolenClient.connect();
    FAIL() << "another device's token accepted";
  } catch (const client::RequestRejected& error) {
    EXPECT_EQ(error.error().details.at("code"), "AUTH_DEVICE_TOKEN_MISMATCH");
    EXPECT_EQ(stolenClient.waitClosed(5s).code, 1008);
  }
}

TEST_F(Pairing, ReadOnlyDeviceCannotCallAdminMethods) {
  const auto device = newDevice();
  client::GatewayClient client(deviceOptions(device, {"operator.read"}));
  client.connect();
  EXPECT_EQ(client.call("health").at("ok"), true);
  const json denied = client.request("system-event", {{"text", "x"}});
  EXPECT_EQ(denied.at("error").at("code"), "FORBIDDEN");
  const json pairing = client.request("device.pair.list", json::object());
  EXPECT_EQ(pairing.at("error").at("details").at("missingScope"), "operator.pairing");
}

TEST_F(Pairing, ForgedSignatureIsRefused) {
  const Refusal refusal = refusedConnect([](json& device) {
    std::string signature = device.at("signature");
    signature[3] = signature[3] == 'A' ? 'B' : 'A';
    device["signature"] = signature;
  });
  EXPECT_EQ(refusal.code, "INVALID_REQUEST");
  EXPECT_EQ(refusal.details.at("code"), "DEVICE_AUTH_SIGNATURE_INVALID");
  EXPECT_EQ(refusal.details.at("reason"), "device-signature");
  EXPECT_EQ(refusal.closeCode, 1008);
}

TEST_F(Pairing, WrongDeviceIdIsRefused) {
  const Refusal refusal =
      refusedConnect([](json& device) { device["id"] = newDevice()->deviceId(); });
  EXPECT_EQ(refusal.details.at("code"), "DEVICE_AUTH_DEVICE_ID_MISMATCH");
  EXPECT_EQ(refusal.closeCode, 1008);
}

TEST_F(Pairing, MalformedPublicKeyIsRefused) {
  const Refusal refusal = refusedConnect([](json& device) { device["publicKey"] = "not*base64"; });
  EXPECT_EQ(refusal.details.at("code"), "DEVICE_AUTH_PUBLIC_KEY_INVALID");
}

TEST_F(Pairing, StaleSignatureIsRefused) {
  const auto device = newDevice();
  client::GatewayClient client(deviceOptions(nullptr));
  const json challenge = client.open();
  json params = client.buildConnectParams();
  params["device"] =
      auth::signDeviceProof(*device, params, challenge.at("nonce"), core::nowMs() - 10 * 60'000);
  const Refusal refusal = refusalOf(client, params);
  EXPECT_EQ(refusal.details.at("code"), "DEVICE_AUTH_SIGNATURE_EXPIRED");
  EXPECT_EQ(refusal.details.at("reason"), "device-signature-stale");
}

TEST_F(Pairing, BlankNonceIsRefused) {
  const Refusal refusal = refusedConnect([](json& device) { device["nonce"] = "  "; });
  EXPECT_EQ(refusal.details.at("code"), "DEVICE_AUTH_NONCE_REQUIRED");
}

TEST_F(Pairing, ReplayedConnectOnANewConnectionIsRefused) {
  const auto device = newDevice();
  client::GatewayClient first(deviceOptions(nullptr));
  const json challenge = first.open();
  json params = first.buildConnectParams();
  params["device"] = auth::signDeviceProof(*device, params, challenge.at("nonce"), core::nowMs());
  first.handshake(params);

  client::GatewayClient replay(deviceOptions(nullptr));
  replay.open();
  const Refusal refusal = refusalOf(replay, params);
  EXPECT_EQ(refusal.details.at("code"), "DEVICE_AUTH_NONCE_MISMATCH");
  EXPECT_EQ(refusal.closeCode, 1008);
}

TEST_F(Pairing, RevokedTokenIsRefusedAndItsConnectionsClosed) {
  const auto device = newDevice();
  const std::string token =
      connect(deviceOptions(device)).at("auth").at("deviceToken").get<std::string>();
  auto byToken = deviceOptions(device);
  byToken.token.reset();
  byToken.deviceToken = token;
  client::GatewayClient live(byToken);
  live.connect();

  auto admin = gateway.connect();
  const json revoked =
      admin.call("device.token.revoke", {{"deviceId", device->deviceId()}, {"role", "operator"}});
  EXPECT_TRUE(revoked.at("revokedAtMs").is_number_integer());
  EXPECT_EQ(live.waitClosed(5s).code, 1008);

  client::GatewayClient again(byToken);
  try {
    again.connect();
    FAIL() << "revoked token accepted";
  } catch (const client::RequestRejected& error) {
    EXPECT_EQ(error.error().details.at("code"), "AUTH_DEVICE_TOKEN_MISMATCH");
    EXPECT_EQ(error.error().details.at("authReason"), "device_token_revoked");
  }
}

TEST_F(Pairing, RotatedTokenReplacesTheOldOne) {
  const auto device = newDevice();
  const std::string old =
      connect(deviceOptions(device)).at("auth").at("deviceToken").get<std::string>();
  auto admin = gateway.connect();
  const json rotated =
      admin.call("device.token.rotate", {{"deviceId", device->deviceId()}, {"role", "operator"}});
  EXPECT_EQ(rotated.at("tokenDelivery"), "withheld-cross-device");
  EXPECT_FALSE(rotated.contains("token"));
  auto byOld = deviceOptions(device);
  byOld.token.reset();
  byOld.deviceToken = old;
  client::GatewayClient client(byOld);
  EXPECT_THROW(client.connect(), client::RequestRejected);
}

TEST_F(Pairing, PairingMethodsRejectBadInput) {
  auto admin = gateway.connect();
  EXPECT_EQ(admin.request("device.pair.approve", {{"requestId", "nope"}}).at("error").at("code"),
            "INVALID_REQUEST");
  EXPECT_EQ(admin.request("device.pair.approve", json::object()).at("error").at("code"),
            "INVALID_REQUEST");
  EXPECT_EQ(admin.request("device.pair.reject", {{"requestId", 7}}).at("error").at("code"),
            "INVALID_REQUEST");
  EXPECT_EQ(admin.request("device.pair.remove", {{"deviceId", "nope"}}).at("error").at("code"),
            "INVALID_REQUEST");
  EXPECT_EQ(admin.request("device.token.revoke", {{"deviceId", "x"}, {"role", "operator"}})
                .at("error")
                .at("code"),
            "INVALID_REQUEST");
  EXPECT_EQ(admin.request("node.pair.remove", {{"nodeId", "nope"}}).at("error").at("code"),
            "INVALID_REQUEST");
  const json listed = admin.call("device.pair.list", json::object());
  EXPECT_TRUE(listed.at("pending").is_array());
  EXPECT_TRUE(listed.at("paired").is_array());
}

TEST_F(Pairing, RenamedDeviceKeepsItsLabelAcrossReapprovalAndRestart) {
  const auto device = newDevice();
  connect(deviceOptions(device));
  auto admin = gateway.connect();
  const json renamed =
      admin.call("device.pair.rename", {{"deviceId", device->deviceId()}, {"label", " Desk Mac "}});
  EXPECT_EQ(renamed, json({{"deviceId", device->deviceId()}, {"label", "Desk Mac"}}));
  // A scope upgrade (approved silently on loopback) keeps the operator's label.
  connect(deviceOptions(device, {"operator.read", "operator.write"}));
  gateway.stop(SIGTERM);
  gateway.start();

  const std::vector<std::string> target = {"--url", gateway.url(), "--token",
                                           GatewayProcess::kToken};
  auto args = std::vector<std::string>{"devices", "list", "--json"};
  args.insert(args.end(), target.begin(), target.end());
  auto result = runCli(args, gateway.home().path());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const json paired = json::parse(result.out).at("paired");
  ASSERT_EQ(paired.size(), 1u);
  EXPECT_EQ(paired[0].at("label"), "Desk Mac");
  EXPECT_EQ(paired[0].at("scopes"), json({"operator.read", "operator.write"}));

  args = {"devices", "rename", device->deviceId(), "Studio Mac"};
  args.insert(args.end(), target.begin(), target.end());
  result = runCli(args, gateway.home().path());
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Renamed " + device->deviceId() + " to Studio Mac"))
      << result.out;
  args = {"devices", "list"};
  args.insert(args.end(), target.begin(), target.end());
  EXPECT_TRUE(contains(runCli(args, gateway.home().path()).out, "Studio Mac"));
  args = {"devices", "rename", "no-such-device", "X"};
  args.insert(args.end(), target.begin(), target.end());
  EXPECT_EQ(runCli(args, gateway.home().path()).exitCode, 1);
}

TEST_F(Pairing, RenameRejectsBadInputAndNeedsThePairingScope) {
  const auto device = newDevice();
  connect(deviceOptions(device));
  auto admin = gateway.connect();
  const json unknown = admin.request("device.pair.rename", {{"deviceId", "nope"}, {"label", "x"}});
  EXPECT_EQ(unknown.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(unknown.at("error").at("message"), "unknown deviceId");
  for (const json& params :
       {json{{"deviceId", device->deviceId()}},
        json{{"deviceId", device->deviceId()}, {"label", ""}},
        json{{"deviceId", device->deviceId()}, {"label", "   "}},
        json{{"deviceId", device->deviceId()}, {"label", std::string(65, 'x')}},
        json{{"deviceId", device->deviceId()}, {"displayName", "x"}}}) {
    EXPECT_EQ(admin.request("device.pair.rename", params).at("error").at("code"), "INVALID_REQUEST")
        << params.dump();
  }
  auto options = gateway.clientOptions();
  options.scopes = {"operator.read", "operator.write"};
  client::GatewayClient writer(options);
  writer.connect();
  const json denied =
      writer.request("device.pair.rename", {{"deviceId", device->deviceId()}, {"label", "x"}});
  EXPECT_EQ(denied.at("error").at("details").at("missingScope"), "operator.pairing");
  EXPECT_FALSE(admin.call("device.pair.list", json::object()).at("paired").at(0).contains("label"));
}

TEST_F(Pairing, RemovingADeviceClosesItsConnections) {
  const auto device = newDevice();
  client::GatewayClient live(deviceOptions(device));
  live.connect();
  auto admin = gateway.connect();
  EXPECT_EQ(admin.call("device.pair.remove", {{"deviceId", device->deviceId()}}).at("deviceId"),
            device->deviceId());
  EXPECT_EQ(live.waitClosed(5s).code, 1008);
  EXPECT_EQ(admin.call("device.pair.list", json::object()).at("paired").size(), 0u);
}

// Remote devices: the gateway listens on every interface and the client comes in through the
// host's own non-loopback address, which the gateway treats as remote.
class RemotePairing : public ::testing::Test {
 protected:
  void SetUp() override {
    address = core::primaryIPv4Address();
    if (!address) GTEST_SKIP() << "SKIPPED LOUDLY: this host has no non-loopback IPv4 address";
    gateway.start();
  }

  client::ConnectOptions remoteOptions(std::shared_ptr<const auth::DeviceIdentity> device,
                                       const std::string& role = "operator") {
    auto options = role == "node" ? gateway.nodeClientOptions() : gateway.clientOptions();
    options.url = "ws://" + *address + ":" + std::to_string(gateway.port());
    options.client.id = role == "node" ? "node-host" : "openclaw-ios";
    options.client.mode = role == "node" ? "node" : "ui";
    options.client.displayName = "Test Phone";
    options.device = std::move(device);
    options.scopes =
        role == "node" ? std::vector<std::string>{} : std::vector<std::string>{"operator.read"};
    return options;
  }

  // The first refusal of a remote connect: NOT_PAIRED with a pending request.
  std::string pendingRequestId(const client::ConnectOptions& options) {
    client::GatewayClient client(options);
    try {
      client.connect();
    } catch (const client::RequestRejected& error) {
      EXPECT_EQ(error.error().code, "NOT_PAIRED");
      EXPECT_EQ(error.error().details.at("code"), "PAIRING_REQUIRED");
      EXPECT_EQ(error.error().details.at("reason"), "not-paired");
      EXPECT_EQ(client.waitClosed(5s).code, 1008);
      return error.error().details.at("requestId");
    }
    ADD_FAILURE() << "an unknown remote device was admitted";
    return "";
  }

  std::optional<std::string> address;
  GatewayProcess gateway{json{{"gateway", {{"bind", "lan"}}}}};
};

TEST_F(RemotePairing, UnknownDeviceWaitsForApprovalThenConnects) {
  auto admin = gateway.connect();
  const auto device = newDevice();
  const auto options = remoteOptions(device);
  const std::string requestId = pendingRequestId(options);

  const json requested = admin.waitEvent("device.pair.requested", 5s).at("payload");
  EXPECT_EQ(requested.at("requestId"), requestId);
  EXPECT_EQ(requested.at("deviceId"), device->deviceId());
  EXPECT_EQ(requested.at("publicKey"), device->publicKeyBase64Url());
  EXPECT_EQ(requested.at("displayName"), "Test Phone");
  EXPECT_EQ(requested.at("scopes"), json({"operator.read"}));

  // Reconnecting before approval reuses the same request.
  EXPECT_EQ(pendingRequestId(options), requestId);
  const json pending = admin.call("device.pair.list", json::object()).at("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].at("remoteIp"), *address);

  const json approved = admin.call("device.pair.approve", {{"requestId", requestId}});
  EXPECT_EQ(approved.at("device").at("deviceId"), device->deviceId());
  const json resolved = admin.waitEvent("device.pair.resolved", 5s).at("payload");
  EXPECT_EQ(resolved.at("decision"), "approved");

  client::GatewayClient client(options);
  const json hello = client.connect();
  EXPECT_EQ(hello.at("auth").at("scopes"), json({"operator.read"}));
  EXPECT_TRUE(hello.at("auth").contains("deviceToken"));

  // Asking for more than was approved needs a new approval.
  auto wider = options;
  wider.scopes = {"operator.read", "operator.write"};
  client::GatewayClient widerClient(wider);
  try {
    widerClient.connect();
    FAIL() << "scope upgrade admitted without approval";
  } catch (const client::RequestRejected& error) {
    EXPECT_EQ(error.error().details.at("reason"), "scope-upgrade");
  }
}

TEST_F(RemotePairing, RejectedRequestIsGone) {
  auto admin = gateway.connect();
  const std::string requestId = pendingRequestId(remoteOptions(newDevice()));
  EXPECT_EQ(admin.call("device.pair.reject", {{"requestId", requestId}}).at("requestId"),
            requestId);
  EXPECT_EQ(admin.waitEvent("device.pair.resolved", 5s).at("payload").at("decision"), "rejected");
  EXPECT_EQ(admin.call("device.pair.list", json::object()).at("pending").size(), 0u);
}

TEST_F(RemotePairing, ApprovalNeedsTheScopesItGrants) {
  const std::string requestId = pendingRequestId(remoteOptions(newDevice()));
  auto options = gateway.clientOptions();
  options.scopes = {"operator.pairing"};
  client::GatewayClient pairingOnly(options);
  pairingOnly.connect();
  const json denied = pairingOnly.request("device.pair.approve", {{"requestId", requestId}});
  EXPECT_EQ(denied.at("error").at("code"), "FORBIDDEN");
  EXPECT_EQ(denied.at("error").at("details").at("missingScope"), "operator.read");
}

TEST_F(RemotePairing, NodeDevicePairsThroughNodePairMethods) {
  auto admin = gateway.connect();
  const auto device = newDevice();
  const auto options = remoteOptions(device, "node");
  const std::string requestId = pendingRequestId(options);
  const json requested = admin.waitEvent("node.pair.requested", 5s).at("payload");
  EXPECT_EQ(requested.at("nodeId"), device->deviceId());
  const json pending = admin.call("node.pair.list", json::object()).at("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].at("requestId"), requestId);

  EXPECT_EQ(admin.call("node.pair.approve", {{"requestId", requestId}}).at("node").at("nodeId"),
            device->deviceId());
  EXPECT_EQ(admin.waitEvent("node.pair.resolved", 5s).at("payload").at("decision"), "approved");
  client::GatewayClient node(options);
  EXPECT_EQ(node.connect().at("auth").at("role"), "node");
  EXPECT_EQ(admin.call("node.pair.list", json::object()).at("paired").size(), 1u);

  EXPECT_EQ(admin.call("node.pair.remove", {{"nodeId", device->deviceId()}}).at("nodeId"),
            device->deviceId());
  EXPECT_EQ(node.waitClosed(5s).code, 1008);
}

TEST_F(RemotePairing, DevicesCliListsApprovesAndRevokes) {
  const auto device = newDevice();
  const auto options = remoteOptions(device);
  const std::string requestId = pendingRequestId(options);
  const std::vector<std::string> target = {"--url", gateway.url(), "--token",
                                           GatewayProcess::kToken};
  const auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "devices");
    args.insert(args.end(), target.begin(), target.end());
    return runCli(args, gateway.home().path());
  };

  auto result = cli({"list"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, requestId)) << result.out;
  EXPECT_TRUE(contains(result.out, "Test Phone")) << result.out;

  result = cli({"approve", requestId, "--json"});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(json::parse(result.out).at("device").at("deviceId"), device->deviceId());

  result = cli({"list", "--json"});
  const json listed = json::parse(result.out);
  EXPECT_EQ(listed.at("pending").size(), 0u);
  ASSERT_EQ(listed.at("paired").size(), 1u);

  client::GatewayClient paired(options);
  paired.connect();
  result = cli({"revoke", "--device", device->deviceId(), "--role", "operator"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Revoked the operator token")) << result.out;
  EXPECT_EQ(paired.waitClosed(5s).code, 1008);

  result = cli({"approve", "no-such-request", "--json"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(json::parse(result.out).at("error").at("code"), "INVALID_REQUEST");
  EXPECT_NE(runCli({"devices", "approve"}, gateway.home().path()).exitCode, 0);
}

TEST_F(Pairing, DeviceRowsSayConnectedAndKeepWhenTheDeviceWasLastSeen) {
  const auto device = newDevice();
  auto admin = gateway.connect();
  const auto rowOf = [&](client::GatewayClient& client) {
    const json list = client.call("device.pair.list");
    for (const json& paired : list.at("paired")) {
      if (paired.at("deviceId") == device->deviceId()) return paired;
    }
    return json();
  };
  const auto row = [&] { return rowOf(admin); };
  json seen;
  {
    client::GatewayClient phone(deviceOptions(device));
    phone.connect();
    const json online = row();
    EXPECT_EQ(online.at("connected"), true) << online.dump();
    EXPECT_EQ(online.at("lastSeenReason"), "connect");
  }  // the phone hangs up
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    seen = row();
    if (seen.at("connected") == false) break;
    admin.nextEvent(50ms);  // the gateway notices the close asynchronously
  }
  ASSERT_EQ(seen.at("connected"), false) << seen.dump();
  EXPECT_EQ(seen.at("lastSeenReason"), "disconnect");

  gateway.stop(SIGTERM);
  gateway.start();
  auto again = gateway.connect();
  const json restarted = rowOf(again);
  EXPECT_EQ(restarted.at("connected"), false);
  EXPECT_EQ(restarted.at("lastSeenAtMs"), seen.at("lastSeenAtMs"));
}

}  // namespace
}  // namespace openclaw::e2e
