// Cross-site WebSocket hijacking: browser pages (an Origin header on the upgrade) against the
// real gateway running with gateway.mode "local" only, which means auth "none" on loopback.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// The base config without its token: gateway.mode "local" (plus `extra`), auth "none".
json withoutAuth(const json& extra = json::object()) {
  json config = {{"gateway", {{"auth", nullptr}}}};
  config.merge_patch(extra);
  return config;
}

// A page at `origin` that claims to be the CLI and asks for operator.admin.
client::ConnectOptions pageAt(const GatewayProcess& gateway, const std::string& origin) {
  client::ConnectOptions options = gateway.clientOptions();
  options.token.reset();
  options.origin = origin;
  return options;
}

// How opening the WebSocket failed, or "" when it opened.
std::string upgradeFailure(const client::ConnectOptions& options) {
  client::GatewayClient page(options);
  try {
    page.open();
  } catch (const client::TransportError& error) {
    return error.what();
  }
  return "";
}

TEST(BrowserOrigin, CrossSiteUpgradesAreRefusedWith403BeforeTheHandshake) {
  GatewayProcess gateway(withoutAuth());
  gateway.start();
  const std::string otherLocalPort = std::to_string(gateway.port() == 5173 ? 5174 : 5173);
  for (const std::string& origin : std::vector<std::string>{
           "https://evil.example", "http://evil.example:" + std::to_string(gateway.port()),
           "http://localhost:" + otherLocalPort, "null"}) {
    EXPECT_NE(upgradeFailure(pageAt(gateway, origin)).find("failed: HTTP 403 Forbidden"),
              std::string::npos)
        << origin;
  }
  EXPECT_TRUE(
      gateway.waitForOutput("refused WebSocket upgrade from 127.0.0.1: origin not allowed (origin "
                            "\"https://evil.example\"",
                            5s))
      << gateway.output();

  // Clients that send no Origin (the CLI, nodes) are not browsers and keep working.
  client::ConnectOptions cli = gateway.clientOptions();
  cli.token.reset();
  client::GatewayClient client(cli);
  const json scopes = client.connect().at("auth").at("scopes");
  EXPECT_NE(std::find(scopes.begin(), scopes.end(), "operator.admin"), scopes.end()) << scopes;
}

TEST(BrowserOrigin, SameOriginLoopbackAndListedPagesConnectWithoutTheCliTrust) {
  GatewayProcess gateway(withoutAuth(
      {{"gateway", {{"controlUi", {{"allowedOrigins", {"https://ui.example.com"}}}}}}}));
  gateway.start();
  const std::string port = std::to_string(gateway.port());
  for (const std::string& origin : std::vector<std::string>{
           "http://127.0.0.1:" + port, "http://localhost:" + port, "https://ui.example.com"}) {
    client::GatewayClient page(pageAt(gateway, origin));
    const json hello = page.connect();
    // Claiming to be the local CLI earns a page no scopes, as upstream.
    EXPECT_EQ(hello.at("auth").at("scopes"), json::array()) << origin;
    EXPECT_EQ(page.request("sessions.list").at("error").at("message"),
              "missing scope: operator.read")
        << origin;
  }
}

TEST(BrowserOrigin, AHotReloadedAllowlistAppliesToOpenAndNewPages) {
  GatewayProcess gateway(withoutAuth(
      {{"gateway", {{"controlUi", {{"allowedOrigins", {"https://ui.example.com"}}}}}}}));
  gateway.start();
  client::GatewayClient page(pageAt(gateway, "https://ui.example.com"));
  page.connect();

  gateway.editConfig({{"gateway", {{"controlUi", {{"allowedOrigins", {"https://new.example"}}}}}}});
  const client::CloseInfo closed = page.waitClosed(10s);
  EXPECT_EQ(closed.code, 1008);
  EXPECT_EQ(closed.reason, "origin not allowed");
  EXPECT_NE(upgradeFailure(pageAt(gateway, "https://ui.example.com")).find("HTTP 403"),
            std::string::npos);
  client::GatewayClient listed(pageAt(gateway, "https://new.example"));
  EXPECT_NO_THROW(listed.connect());
}

}  // namespace
}  // namespace openclaw::e2e
