// node.pair.request / node.pair.verify (the request-based node pairing kept for compatibility)
// and the expiry of pending pairing requests, against the real binary and its SQLite file.
#include <gtest/gtest.h>

#include <csignal>

#include "daemon/gateway_schema.h"
#include "gateway_process.h"
#include "store/database.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class NodePairing : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // A client holding only `scopes`.
  client::GatewayClient connectWith(std::vector<std::string> scopes) {
    auto options = gateway.clientOptions();
    options.scopes = std::move(scopes);
    client::GatewayClient client(options);
    client.connect();
    return client;
  }

  // Ages every pending request in the stopped gateway's database past the 5-minute expiry.
  void agePendingRequests() {
    store::Database database(gateway.home().path() / ".openclaw" / "openclaw.db",
                             daemon::gatewaySchema());
    database.execute("UPDATE pending_pairings SET ts = ts - 6 * 60 * 1000;");
  }

  static json studioRequest() {
    return {{"nodeId", "mac-studio"}, {"displayName", "Studio"},
            {"platform", "macos"},    {"version", "1.0.0"},
            {"caps", {"canvas"}},     {"commands", {"system.run", "canvas.present"}},
            {"remoteIp", "10.0.0.7"}, {"silent", true}};
  }

  GatewayProcess gateway;
};

TEST_F(NodePairing, RequestIsCreatedThenRefreshedAndAnnouncedOnce) {
  auto admin = gateway.connect();
  const json first = admin.call("node.pair.request", studioRequest());
  EXPECT_EQ(first.at("status"), "pending");
  EXPECT_EQ(first.at("created"), true);
  const json& request = first.at("request");
  const std::string requestId = request.at("requestId");
  EXPECT_FALSE(requestId.empty());
  EXPECT_EQ(request.at("nodeId"), "mac-studio");
  EXPECT_EQ(request.at("displayName"), "Studio");
  EXPECT_EQ(request.at("version"), "1.0.0");
  EXPECT_EQ(request.at("commands"), json({"system.run", "canvas.present"}));
  EXPECT_EQ(request.at("silent"), true);
  EXPECT_EQ(request.at("isRepair"), false);
  EXPECT_TRUE(request.at("ts").is_number_integer());
  EXPECT_FALSE(request.contains("publicKey"));  // no device key behind this node

  const json announced = admin.waitEvent("node.pair.requested", 5s).at("payload");
  EXPECT_EQ(announced.at("requestId"), requestId);
  EXPECT_EQ(announced.at("nodeId"), "mac-studio");
  EXPECT_EQ(announced.at("remoteIp"), "10.0.0.7");

  json again = studioRequest();
  again["version"] = "1.1.0";
  const json refreshed = admin.call("node.pair.request", again);
  EXPECT_EQ(refreshed.at("created"), false);
  EXPECT_EQ(refreshed.at("request").at("requestId"), requestId);
  EXPECT_EQ(refreshed.at("request").at("version"), "1.1.0");

  const json pending = admin.call("node.pair.list", json::object()).at("pending");
  ASSERT_EQ(pending.size(), 1u) << pending.dump();
  EXPECT_EQ(pending[0].at("version"), "1.1.0");
  EXPECT_EQ(pending[0].at("caps"), json({"canvas"}));
  // Only one announcement: the refresh is not a new request.
  const auto next = admin.nextEvent(300ms);
  EXPECT_TRUE(!next || next->value("event", "") != "node.pair.requested") << next->dump();
}

TEST_F(NodePairing, ApprovalMintsATokenThatVerifiesUntilRevoked) {
  auto admin = gateway.connect();
  const std::string requestId =
      admin.call("node.pair.request", studioRequest()).at("request").at("requestId");
  const json approved = admin.call("node.pair.approve", {{"requestId", requestId}});
  const json& node = approved.at("node");
  EXPECT_EQ(node.at("nodeId"), "mac-studio");
  EXPECT_EQ(node.at("roles"), json({"node"}));
  const std::string token = node.at("token");
  EXPECT_GE(token.size(), 32u);
  EXPECT_EQ(admin.waitEvent("node.pair.resolved", 5s).at("payload").at("decision"), "approved");

  const json verified =
      admin.call("node.pair.verify", {{"nodeId", "mac-studio"}, {"token", token}});
  EXPECT_EQ(verified.at("ok"), true);
  EXPECT_EQ(verified.at("node").at("nodeId"), "mac-studio");
  EXPECT_EQ(verified.at("node").at("displayName"), "Studio");
  EXPECT_FALSE(verified.at("node").contains("token"));  // never handed out again
  EXPECT_EQ(admin.call("node.pair.verify", {{"nodeId", "mac-studio"}, {"token", token + "x"}}),
            json({{"ok", false}}));
  EXPECT_EQ(admin.call("node.pair.verify", {{"nodeId", "ghost"}, {"token", token}}),
            json({{"ok", false}}));
  EXPECT_EQ(admin.call("node.list").at("nodes").at(0).at("nodeId"), "mac-studio");

  // Only the hash is stored, and it survives a restart.
  gateway.stop(SIGTERM);
  gateway.start();
  auto after = gateway.connect();
  EXPECT_EQ(after.call("node.pair.verify", {{"nodeId", "mac-studio"}, {"token", token}}).at("ok"),
            true);
  after.call("device.token.revoke", {{"deviceId", "mac-studio"}, {"role", "node"}});
  EXPECT_EQ(after.call("node.pair.verify", {{"nodeId", "mac-studio"}, {"token", token}}).at("ok"),
            false);
}

TEST_F(NodePairing, DevicesCliApprovalShowsTheNodeTokenOnce) {
  auto admin = gateway.connect();
  const std::string requestId =
      admin.call("node.pair.request", studioRequest()).at("request").at("requestId");
  const CommandResult approved = runCli(
      {"devices", "approve", requestId, "--url", gateway.url(), "--token", GatewayProcess::kToken},
      gateway.home().path());
  ASSERT_EQ(approved.exitCode, 0) << approved.err;
  const std::string marker = "Node token (shown once): ";
  const auto at = approved.out.find(marker);
  ASSERT_NE(at, std::string::npos) << approved.out;
  const std::string token =
      approved.out.substr(at + marker.size(), approved.out.find('\n', at) - at - marker.size());
  EXPECT_EQ(admin.call("node.pair.verify", {{"nodeId", "mac-studio"}, {"token", token}}).at("ok"),
            true);
  EXPECT_FALSE(contains(admin.call("device.pair.list", json::object()).dump(), token));
}

TEST_F(NodePairing, ScopesAreEnforced) {
  auto reader = connectWith({"operator.read", "operator.write"});
  for (const char* method : {"node.pair.request", "node.pair.verify"}) {
    const json denied = reader.request(method, {{"nodeId", "n1"}, {"token", "t"}});
    EXPECT_EQ(denied.at("error").at("code"), "FORBIDDEN") << method;
    EXPECT_EQ(denied.at("error").at("details").at("missingScope"), "operator.pairing") << method;
  }
  auto pairing = connectWith({"operator.pairing"});
  const std::string requestId =
      pairing.call("node.pair.request", {{"nodeId", "n1"}}).at("request").at("requestId");
  EXPECT_EQ(pairing.call("node.pair.verify", {{"nodeId", "n1"}, {"token", "t"}}).at("ok"), false);
  const json approve = pairing.request("node.pair.approve", {{"requestId", requestId}});
  EXPECT_EQ(approve.at("error").at("code"), "FORBIDDEN");
  EXPECT_EQ(approve.at("error").at("details").at("missingScope"), "operator.admin");
}

TEST_F(NodePairing, BadParamsAreRefused) {
  auto admin = gateway.connect();
  for (const json& params :
       {json::object(), json{{"nodeId", ""}}, json{{"nodeId", "   "}}, json{{"nodeId", 7}},
        json{{"nodeId", "n1"}, {"caps", "system"}}, json{{"nodeId", "n1"}, {"silent", "yes"}},
        json{{"nodeId", "n1"}, {"unexpected", true}}}) {
    EXPECT_EQ(admin.request("node.pair.request", params).at("error").at("code"), "INVALID_REQUEST")
        << params.dump();
  }
  for (const json& params :
       {json{{"nodeId", "n1"}}, json{{"token", "t"}}, json{{"nodeId", "n1"}, {"token", ""}}}) {
    EXPECT_EQ(admin.request("node.pair.verify", params).at("error").at("code"), "INVALID_REQUEST")
        << params.dump();
  }
  EXPECT_EQ(admin.call("node.pair.list", json::object()).at("pending").size(), 0u);
}

TEST_F(NodePairing, ExpiredRequestsArePrunedAndCannotBeApproved) {
  auto admin = gateway.connect();
  const std::string expiring =
      admin.call("node.pair.request", studioRequest()).at("request").at("requestId");
  const std::string rejecting =
      admin.call("node.pair.request", {{"nodeId", "other"}}).at("request").at("requestId");
  admin.close();
  gateway.stop(SIGTERM);
  agePendingRequests();
  gateway.start();

  auto after = gateway.connect();
  EXPECT_EQ(after.call("node.pair.list", json::object()).at("pending").size(), 0u);
  EXPECT_EQ(after.call("device.pair.list", json::object()).at("pending").size(), 0u);
  const json approve = after.request("node.pair.approve", {{"requestId", expiring}});
  EXPECT_EQ(approve.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(approve.at("error").at("details").at("code"), "PAIRING_REQUEST_EXPIRED");
  EXPECT_TRUE(contains(approve.at("error").at("message"), "expired")) << approve.dump();
  const json reject = after.request("device.pair.reject", {{"requestId", rejecting}});
  EXPECT_EQ(reject.at("error").at("details").at("code"), "PAIRING_REQUEST_EXPIRED");
  EXPECT_EQ(after.request("node.pair.approve", {{"requestId", "never-existed"}})
                .at("error")
                .at("message"),
            "unknown requestId");

  // A new request for the same node starts over with a fresh id.
  const json fresh = after.call("node.pair.request", studioRequest());
  EXPECT_EQ(fresh.at("created"), true);
  EXPECT_NE(fresh.at("request").at("requestId"), expiring);
}

}  // namespace
}  // namespace openclaw::e2e
