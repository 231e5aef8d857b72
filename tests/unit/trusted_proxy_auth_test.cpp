// gateway.auth.mode "trusted-proxy": the checks, their order and reason codes (upstream's), and
// the one decision the connect path and the HTTP gate share.
#include "server/trusted_proxy_auth.h"

#include <gtest/gtest.h>

#include "config/config_file.h"
#include "server/connect_auth.h"

namespace openclaw::server {
namespace {

using nlohmann::json;

class TrustedProxyAuthTest : public ::testing::Test {
 protected:
  TrustedProxyAuthTest() {
    settings_.auth = {config::AuthMode::TrustedProxy, ""};
    auto& proxy = settings_.proxy;
    proxy.trustedProxies = {*core::parseIpRange("10.0.0.0/8"), *core::parseIpRange("127.0.0.1")};
    proxy.trustedProxyAuth = config::TrustedProxyAuthSettings{
        "x-forwarded-user", {"x-forwarded-proto"}, {"alice@example.com", "bob"}, false};
  }

  // A request from `peer` through a proxy that sends `headers` (plus a client and the proto).
  std::string reasonFor(const std::string& peer, HeaderMap headers) const {
    const ClientAttribution origin = attributeClient(peer, headers, settings_.proxy);
    ProxyAuthVerdict verdict = authorizeTrustedProxy(origin, headers, settings_.proxy, local_);
    return verdict.user ? "user:" + *verdict.user : verdict.reason;
  }

  static HeaderMap proxied(const std::string& user) {
    return {{"x-forwarded-for", "203.0.113.9"},
            {"x-forwarded-proto", "https"},
            {"x-forwarded-user", user}};
  }

  config::GatewaySettings settings_;
  LocalAddresses local_ = [] { return std::vector<std::string>{"10.0.0.99", "127.0.0.1"}; };
};

TEST_F(TrustedProxyAuthTest, AnAllowedUserFromATrustedProxyIsVerified) {
  EXPECT_EQ(reasonFor("10.0.0.5", proxied("  alice@example.com ")), "user:alice@example.com");
  EXPECT_EQ(reasonFor("::ffff:10.0.0.5", proxied("bob")), "user:bob");
}

TEST_F(TrustedProxyAuthTest, EachFailureHasUpstreamsReasonCode) {
  EXPECT_EQ(reasonFor("198.51.100.4", proxied("bob")), "trusted_proxy_untrusted_source");
  EXPECT_EQ(reasonFor("198.51.100.4", {}), "trusted_proxy_untrusted_source");
  EXPECT_EQ(reasonFor("10.0.0.99", proxied("bob")), "trusted_proxy_local_interface_source");
  HeaderMap noProto = proxied("bob");
  noProto.erase("x-forwarded-proto");
  EXPECT_EQ(reasonFor("10.0.0.5", noProto), "trusted_proxy_missing_header_x-forwarded-proto");
  HeaderMap blankProto = proxied("bob");
  blankProto["x-forwarded-proto"] = "  ";
  EXPECT_EQ(reasonFor("10.0.0.5", blankProto), "trusted_proxy_missing_header_x-forwarded-proto");
  EXPECT_EQ(reasonFor("10.0.0.5", proxied(" ")), "trusted_proxy_user_missing");
  EXPECT_EQ(reasonFor("10.0.0.5", proxied("mallory")), "trusted_proxy_user_not_allowed");
  // allowUsers compares exactly.
  EXPECT_EQ(reasonFor("10.0.0.5", proxied("Bob")), "trusted_proxy_user_not_allowed");
  HeaderMap noClient = proxied("bob");
  noClient.erase("x-forwarded-for");
  EXPECT_EQ(reasonFor("10.0.0.5", noClient), kProxyAttributionRequired);
}

TEST_F(TrustedProxyAuthTest, ALoopbackProxyNeedsAllowLoopbackBeforeAnyHeaderIsRead) {
  EXPECT_EQ(reasonFor("127.0.0.1", proxied("bob")), "trusted_proxy_loopback_source");
  EXPECT_EQ(reasonFor("127.0.0.1", {{"x-forwarded-for", "203.0.113.9"}}),
            "trusted_proxy_loopback_source");
  settings_.proxy.trustedProxyAuth->allowLoopback = true;
  EXPECT_EQ(reasonFor("127.0.0.1", proxied("bob")), "user:bob");
  // allowLoopback does not make an untrusted loopback address a proxy.
  EXPECT_EQ(reasonFor("127.0.0.2", proxied("bob")), "trusted_proxy_untrusted_source");
}

TEST_F(TrustedProxyAuthTest, MissingConfigurationRefusesEveryRequest) {
  settings_.proxy.trustedProxies.clear();
  EXPECT_EQ(reasonFor("10.0.0.5", proxied("bob")), "trusted_proxy_no_proxies_configured");
  settings_.proxy.trustedProxyAuth.reset();
  EXPECT_EQ(reasonFor("10.0.0.5", proxied("bob")), "trusted_proxy_config_missing");
}

TEST_F(TrustedProxyAuthTest, ConnectErrorsCarryUpstreamsDetailCodes) {
  const auto missing = proxyAuthError("trusted_proxy_missing_header_x-forwarded-proto");
  EXPECT_EQ(missing.details.at("code"), "AUTH_IDENTITY_HEADER_REQUIRED");
  const auto notAllowed = proxyAuthError("trusted_proxy_user_not_allowed");
  EXPECT_EQ(notAllowed.code, "INVALID_REQUEST");
  EXPECT_EQ(notAllowed.details.at("code"), "AUTH_UNAUTHORIZED");
  EXPECT_EQ(notAllowed.details.at("authReason"), "trusted_proxy_user_not_allowed");
  EXPECT_EQ(proxyAuthError(kProxyAttributionRequired).details.at("authReason"),
            "proxy_attribution_required");
}

TEST_F(TrustedProxyAuthTest,
       TheSharedDecisionFallsBackToTheLocalPasswordOnlyForDirectLocalClients) {
  settings_.auth.secret = "local-pass";
  const auto decide = [&](const std::string& peer, const HeaderMap& headers, const json& auth) {
    const ClientAttribution origin = attributeClient(peer, headers, settings_.proxy);
    return authenticateGatewayClient(settings_, origin, headers, auth, local_);
  };
  settings_.proxy.trustedProxyAuth->allowLoopback = true;
  const auto viaProxy = decide("127.0.0.1", proxied("bob"), json::object());
  ASSERT_TRUE(viaProxy.outcome);
  EXPECT_EQ(viaProxy.proxyUser, "bob");

  EXPECT_TRUE(decide("127.0.0.1", {}, {{"password", "local-pass"}}).outcome);
  EXPECT_EQ(decide("127.0.0.1", {}, {{"password", "wrong"}}).outcome.error().details.at("code"),
            "AUTH_PASSWORD_MISMATCH");
  // No token fallback, and no password fallback for remote or forwarded clients.
  EXPECT_FALSE(decide("127.0.0.1", {}, {{"token", "local-pass"}}).outcome);
  EXPECT_FALSE(decide("198.51.100.4", {}, {{"password", "local-pass"}}).outcome);
  EXPECT_FALSE(
      decide("127.0.0.1", {{"x-forwarded-for", "203.0.113.9"}}, {{"password", "local-pass"}})
          .outcome);
}

TEST_F(TrustedProxyAuthTest, AnUnattributableProxyIsRefusedInEveryAuthMode) {
  settings_.auth = {config::AuthMode::Token, "tok"};
  const HeaderMap headers = {{"x-forwarded-for", "10.0.0.8"}};
  const ClientAttribution origin = attributeClient("10.0.0.5", headers, settings_.proxy);
  const auto verdict =
      authenticateGatewayClient(settings_, origin, headers, {{"token", "tok"}}, local_);
  ASSERT_FALSE(verdict.outcome);
  EXPECT_EQ(verdict.outcome.error().details.at("authReason"), "proxy_attribution_required");
  settings_.auth = {config::AuthMode::None, ""};
  EXPECT_FALSE(authenticateGatewayClient(settings_, origin, headers, {}, local_).outcome);
  // Forwarding headers from an untrusted peer are ignored, not refused.
  const ClientAttribution direct = attributeClient("198.51.100.4", headers, settings_.proxy);
  EXPECT_TRUE(authenticateGatewayClient(settings_, direct, headers, {}, local_).outcome);
}

TEST_F(TrustedProxyAuthTest, IdentityScopesMatchEmailsCaseInsensitivelyAndDropUnknownScopes) {
  settings_.proxy.identityScopes = {{"admin@example.com", {"operator.admin", "operator.bogus"}},
                                    {"Robot", {"operator.read"}}};
  EXPECT_EQ(identityScopesFor(settings_.proxy, "Admin@Example.COM"),
            std::vector<std::string>{"operator.admin"});
  EXPECT_EQ(identityScopesFor(settings_.proxy, "Robot"), std::vector<std::string>{"operator.read"});
  EXPECT_TRUE(identityScopesFor(settings_.proxy, "robot").empty());
  EXPECT_TRUE(identityScopesFor(settings_.proxy, "nobody@example.com").empty());
}

}  // namespace
}  // namespace openclaw::server
