// gateway.auth.mode "trusted-proxy" and X-Forwarded-For attribution through a REAL reverse
// proxy: Debian's nginx started by the test (support/nginx_proxy.h). nginx connects to the
// gateway from 127.0.0.2 and vouches for the user and client named in the request path; the
// tests' own direct connections come from 127.0.0.1, an untrusted peer.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <string>

#include "curl_request.h"
#include "gateway_process.h"
#include "net/websocket_client.h"
#include "nginx_proxy.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::NginxProxy;
using namespace std::chrono_literals;

constexpr const char* kProxyPeer = "127.0.0.2";

// gateway.auth in trusted-proxy mode (no token), nginx's address trusted, plus `extra`.
json proxyAuthConfig(bool allowLoopback, const json& extra = json::object()) {
  json config = {{"gateway",
                  {{"trustedProxies", {kProxyPeer}},
                   {"auth",
                    {{"token", nullptr},
                     {"mode", "trusted-proxy"},
                     {"trustedProxy",
                      {{"userHeader", "x-forwarded-user"},
                       {"requiredHeaders", {"x-forwarded-proto"}},
                       {"allowUsers", {"alice@example.com"}},
                       {"allowLoopback", allowLoopback}}},
                     {"identityScopes", {{"alice@example.com", {"operator.read"}}}}}},
                   {"http", {{"endpoints", {{"chatCompletions", {{"enabled", true}}}}}}}}}};
  config.merge_patch(extra);
  return config;
}

// Client options for a connection through `proxy` as `user` from `client`, without a token.
client::ConnectOptions viaProxy(const GatewayProcess& gateway, const NginxProxy& proxy,
                                const std::string& user, const std::string& client) {
  client::ConnectOptions options = gateway.clientOptions();
  options.url = proxy.wsUrl(user, client);
  options.token.reset();
  options.client.mode = "webchat";  // a mode that holds a presence row
  options.client.instanceId = "via-" + client;
  return options;
}

// The error a rejected connect answered with.
protocol::GatewayError connectError(const client::ConnectOptions& options) {
  client::GatewayClient refused(options);
  try {
    refused.connect();
  } catch (const client::RequestRejected& rejected) {
    return rejected.error();
  }
  ADD_FAILURE() << "the connect was accepted";
  return {};
}

// One connect straight to the gateway with `headers` on the upgrade (what a forger sends): the
// connect response frame.
boost::asio::awaitable<json> connectWithHeaders(std::shared_ptr<net::WebSocketConnection> ws,
                                                json params) {
  co_await ws->connect();
  co_await ws->read();  // connect.challenge
  ws->send(json{{"type", "req"}, {"id", "c1"}, {"method", "connect"}, {"params", params}}.dump());
  json response = json::parse(co_await ws->read());
  ws->close(1000, "done");
  co_return response;
}

json directConnect(const GatewayProcess& gateway, const net::HttpHeaders& headers,
                   const std::optional<std::string>& token) {
  client::ConnectOptions options = gateway.clientOptions();
  options.token = token;
  options.client.mode = "webchat";
  options.client.instanceId = "direct";
  const json params = client::GatewayClient(options).buildConnectParams();
  boost::asio::io_context io;
  net::WebSocketClient client(io);
  net::WebSocketRequest request;
  request.url = gateway.url();
  request.headers = headers;
  auto ws = client.start(std::move(request));
  auto response =
      boost::asio::co_spawn(io, connectWithHeaders(ws, params), boost::asio::use_future);
  io.run_for(15s);
  return response.get();
}

testsupport::CurlRequest get(const std::string& path, std::vector<std::string> headers = {}) {
  testsupport::CurlRequest request;
  request.path = path;
  request.headers = std::move(headers);
  return request;
}

json presenceRow(client::GatewayClient& client, const std::string& instanceId) {
  for (const json& row : client.call("system-presence")) {
    if (row.value("instanceId", "") == instanceId) return row;
  }
  return nullptr;
}

class TrustedProxy : public ::testing::Test {
 protected:
  void startWith(const json& config) {
    gateway_ = std::make_unique<GatewayProcess>(config);
    gateway_->start();
    proxy_ = std::make_unique<NginxProxy>(gateway_->port());
    proxy_->start();
  }
  std::unique_ptr<GatewayProcess> gateway_;
  std::unique_ptr<NginxProxy> proxy_;
};

TEST_F(TrustedProxy, AUserTheProxyVouchesForConnectsAndCallsMethodsFromItsRealAddress) {
  startWith(proxyAuthConfig(true));
  client::GatewayClient alice(viaProxy(*gateway_, *proxy_, "alice@example.com", "203.0.113.9"));
  const json hello = alice.connect();
  // Device-less: no self-declared scopes, only the identityScopes grant.
  EXPECT_EQ(hello.at("auth").at("scopes"), json::array({"operator.read"}));
  EXPECT_TRUE(alice.call("health").is_object());
  EXPECT_EQ(presenceRow(alice, "via-203.0.113.9").value("ip", ""), "203.0.113.9");
  EXPECT_TRUE(
      gateway_->waitForOutput("from 203.0.113.9 via proxy 127.0.0.2 as user alice@example.com", 5s))
      << gateway_->output();
  // A scope the grant does not hold stays refused.
  EXPECT_EQ(alice.request("system-event", {{"text", "hi"}}).at("error").at("message"),
            "missing scope: operator.admin");

  // The HTTP APIs take the same identity: through the proxy it works, directly it does not.
  const auto viaNginx = testsupport::curl(
      proxy_->port(), get(NginxProxy::pathFor("alice@example.com", "203.0.113.9", "/v1/models")));
  EXPECT_EQ(viaNginx.status, 200) << viaNginx.body << proxy_->output();
  const auto forged = testsupport::curl(
      gateway_->port(),
      get("/v1/models", {"X-Forwarded-User: alice@example.com", "X-Forwarded-Proto: https"}));
  EXPECT_EQ(forged.status, 401) << forged.body;

  // So does the Control UI's bootstrap config, which a browser behind the proxy fetches first.
  const auto bootstrap = testsupport::curl(
      proxy_->port(),
      get(NginxProxy::pathFor("alice@example.com", "203.0.113.9", "/control-ui-config.json")));
  EXPECT_EQ(bootstrap.status, 200) << bootstrap.body;
  EXPECT_EQ(bootstrap.parsed().value("serverVersion", ""), OPENCLAW_VERSION);
  const auto bootstrapForged = testsupport::curl(
      gateway_->port(), get("/control-ui-config.json",
                            {"X-Forwarded-User: alice@example.com", "X-Forwarded-Proto: https"}));
  EXPECT_EQ(bootstrapForged.status, 401) << bootstrapForged.body;
}

TEST_F(TrustedProxy, AUserOutsideAllowUsersOrWithoutIdentityIsRefused) {
  startWith(proxyAuthConfig(true));
  const protocol::GatewayError bob =
      connectError(viaProxy(*gateway_, *proxy_, "bob@example.com", "203.0.113.10"));
  EXPECT_EQ(bob.details.value("code", ""), "AUTH_UNAUTHORIZED") << bob.message;
  EXPECT_EQ(bob.details.value("authReason", ""), "trusted_proxy_user_not_allowed");
  const protocol::GatewayError nobody =
      connectError(viaProxy(*gateway_, *proxy_, "-", "203.0.113.10"));
  EXPECT_EQ(nobody.details.value("authReason", ""), "trusted_proxy_user_missing");
  // A proxy that names no client cannot be attributed.
  const protocol::GatewayError anonymous =
      connectError(viaProxy(*gateway_, *proxy_, "alice@example.com", "-"));
  EXPECT_EQ(anonymous.details.value("authReason", ""), "proxy_attribution_required");
  const auto unattributed = testsupport::curl(
      proxy_->port(), get(NginxProxy::pathFor("alice@example.com", "-", "/v1/models")));
  EXPECT_EQ(unattributed.status, 403) << unattributed.body;
  EXPECT_EQ(unattributed.parsed().at("error").at("type"), "proxy_attribution_required");

  // Dropping a connected user from allowUsers closes its connection (1008) on reload.
  client::GatewayClient alice(viaProxy(*gateway_, *proxy_, "alice@example.com", "203.0.113.9"));
  alice.connect();
  gateway_->editConfig(
      {{"gateway", {{"auth", {{"trustedProxy", {{"allowUsers", {"carol@example.com"}}}}}}}}});
  try {
    alice.waitEvent("never-sent", 15s);  // reads until the connection ends
    ADD_FAILURE() << "the connection stayed open";
  } catch (const client::TransportError& closed) {
    ASSERT_TRUE(closed.close()) << closed.what();
    EXPECT_EQ(closed.close()->code, 1008);
    EXPECT_NE(closed.close()->reason.find("trusted_proxy_user_not_allowed"), std::string::npos);
  }
}

TEST_F(TrustedProxy, ForgedIdentityHeadersSentDirectlyAreRefusedAndLoggedOnce) {
  startWith(proxyAuthConfig(true));
  const net::HttpHeaders forged = {{"X-Forwarded-User", "alice@example.com"},
                                   {"X-Forwarded-Proto", "https"},
                                   {"X-Forwarded-For", "203.0.113.9"}};
  for (int attempt = 0; attempt < 3; ++attempt) {
    const json response = directConnect(*gateway_, forged, std::nullopt);
    EXPECT_FALSE(response.value("ok", true)) << response;
    EXPECT_EQ(response.at("error").at("details").value("authReason", ""),
              "trusted_proxy_untrusted_source");
  }
  EXPECT_TRUE(gateway_->waitForOutput("ignored forwarding headers", 5s)) << gateway_->output();
  EXPECT_TRUE(gateway_->waitForOutput("auth failed for 127.0.0.1 (AUTH_UNAUTHORIZED)", 5s));
  // One warning for the peer, not one per forged request.
  EXPECT_FALSE(gateway_->waitForOutput("ignored forwarding headers", 200ms, 2));

  // The proxy path keeps working meanwhile.
  client::GatewayClient alice(viaProxy(*gateway_, *proxy_, "alice@example.com", "203.0.113.9"));
  EXPECT_NO_THROW(alice.connect());
}

TEST_F(TrustedProxy, ALoopbackProxyIsRefusedUnlessAllowLoopbackIsSet) {
  startWith(proxyAuthConfig(false));
  const protocol::GatewayError refused =
      connectError(viaProxy(*gateway_, *proxy_, "alice@example.com", "203.0.113.9"));
  EXPECT_EQ(refused.details.value("authReason", ""), "trusted_proxy_loopback_source")
      << refused.message;
  // Turning it on applies live.
  gateway_->editConfig({{"gateway", {{"auth", {{"trustedProxy", {{"allowLoopback", true}}}}}}}});
  ASSERT_TRUE(gateway_->waitForOutput("config reloaded: applied gateway.auth.trustedProxy", 10s))
      << gateway_->output();
  client::GatewayClient alice(viaProxy(*gateway_, *proxy_, "alice@example.com", "203.0.113.9"));
  EXPECT_NO_THROW(alice.connect());
}

TEST_F(TrustedProxy, RateLimitingIsKeyedByTheForwardedClientAddress) {
  // Token auth behind the proxy: failures count against the client nginx names, not nginx.
  startWith({{"gateway",
              {{"trustedProxies", {kProxyPeer}},
               {"auth", {{"rateLimit", {{"maxAttempts", 2}, {"exemptLoopback", true}}}}}}}});
  auto withToken = [&](const std::string& client, const std::string& token) {
    client::ConnectOptions options = gateway_->clientOptions();
    options.url = proxy_->wsUrl("-", client);
    options.token = token;
    return options;
  };
  for (int attempt = 0; attempt < 2; ++attempt) {
    EXPECT_EQ(connectError(withToken("203.0.113.1", "wrong")).details.value("code", ""),
              "AUTH_TOKEN_MISMATCH");
  }
  // Locked out now, even with the right token...
  EXPECT_EQ(
      connectError(withToken("203.0.113.1", GatewayProcess::kToken)).details.value("code", ""),
      "AUTH_RATE_LIMITED");
  // ...while another client behind the same proxy, and the local CLI, still get in.
  client::GatewayClient other(withToken("203.0.113.2", GatewayProcess::kToken));
  EXPECT_NO_THROW(other.connect());
  EXPECT_NO_THROW(gateway_->connect());
  EXPECT_TRUE(gateway_->waitForOutput("auth failed for 203.0.113.1", 5s)) << gateway_->output();
}

TEST_F(TrustedProxy, ForwardedForFromAnUntrustedPeerDoesNotChangeTheClientAddress) {
  startWith({{"gateway", {{"trustedProxies", {kProxyPeer}}}}});
  const json response =
      directConnect(*gateway_, {{"X-Forwarded-For", "198.51.100.77"}}, GatewayProcess::kToken);
  EXPECT_TRUE(response.value("ok", false)) << response;
  ASSERT_TRUE(gateway_->waitForOutput("client connected: operator cli webchat", 5s));
  const std::string output = gateway_->output();
  const std::size_t line = output.find("client connected: operator cli webchat");
  EXPECT_NE(output.substr(line, output.find('\n', line) - line).find(" from 127.0.0.1 (conn"),
            std::string::npos)
      << output;
  EXPECT_EQ(output.find("198.51.100.77"), std::string::npos) << output;
  EXPECT_NE(output.find("ignored forwarding headers (X-Forwarded-*, X-Real-IP, Forwarded) on a "
                        "WebSocket upgrade from 127.0.0.1"),
            std::string::npos)
      << output;
  // Through the trusted proxy the forwarded address is the one presence shows.
  client::ConnectOptions options = viaProxy(*gateway_, *proxy_, "-", "198.51.100.78");
  options.token = GatewayProcess::kToken;
  client::GatewayClient proxied(options);
  proxied.connect();
  auto cli = gateway_->connect();
  EXPECT_EQ(presenceRow(cli, "via-198.51.100.78").value("ip", ""), "198.51.100.78");
}

}  // namespace
}  // namespace openclaw::e2e
