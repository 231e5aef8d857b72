// gateway.trustedProxies, allowRealIpFallback and gateway.auth.trustedProxy / identityScopes:
// how they are read, refused, and reloaded.
#include "config/proxy_settings.h"

#include <gtest/gtest.h>

#include "config/gateway_settings.h"
#include "config/reload_plan.h"
#include "env_lookup.h"

namespace openclaw::config {
namespace {

using nlohmann::json;

ConfigFile configOf(const json& gateway) {
  ConfigFile config;
  config.path = "/test/openclaw.json";
  config.exists = true;
  config.root = {{"gateway", gateway}};
  config.root["gateway"]["mode"] = "local";
  return config;
}

GatewaySettings resolve(const json& gateway, std::map<std::string, std::string> env = {}) {
  InstancePaths paths;
  paths.stateDir = "/test/state";
  paths.configPath = "/test/openclaw.json";
  return resolveGatewaySettings(configOf(gateway), paths, {},
                                testsupport::environmentOf(std::move(env)));
}

template <typename Action>
std::string errorOf(Action action) {
  try {
    action();
  } catch (const std::exception& error) {
    return error.what();
  }
  ADD_FAILURE() << "did not throw";
  return "";
}

const json kProxyAuth = {{"mode", "trusted-proxy"},
                         {"trustedProxy",
                          {{"userHeader", "X-Forwarded-User"},
                           {"requiredHeaders", {"X-Forwarded-Proto"}},
                           {"allowUsers", {" alice@example.com "}},
                           {"allowLoopback", true}}}};

TEST(ProxySettings, ReadsTheProxiesAndTheIdentityHeaders) {
  const GatewaySettings settings = resolve({{"bind", "lan"},
                                            {"trustedProxies", {"10.0.0.1", "fd00::/8"}},
                                            {"allowRealIpFallback", true},
                                            {"auth", kProxyAuth}});
  EXPECT_EQ(settings.auth.mode, AuthMode::TrustedProxy);
  EXPECT_EQ(authModeName(settings.auth.mode), "trusted-proxy");
  const ProxySettings& proxy = settings.proxy;
  ASSERT_EQ(proxy.trustedProxies.size(), 2u);
  EXPECT_EQ(proxy.trustedProxyText, (std::vector<std::string>{"10.0.0.1", "fd00::/8"}));
  EXPECT_TRUE(proxy.allowRealIpFallback);
  ASSERT_TRUE(proxy.trustedProxyAuth);
  EXPECT_EQ(proxy.trustedProxyAuth->userHeader, "x-forwarded-user");
  EXPECT_EQ(proxy.trustedProxyAuth->requiredHeaders, std::vector<std::string>{"x-forwarded-proto"});
  EXPECT_EQ(proxy.trustedProxyAuth->allowUsers, std::vector<std::string>{"alice@example.com"});
  EXPECT_TRUE(proxy.trustedProxyAuth->allowLoopback);
}

TEST(ProxySettings, DefaultsAreFailClosed) {
  const ProxySettings proxy = resolve(json::object()).proxy;
  EXPECT_TRUE(proxy.trustedProxies.empty());
  EXPECT_FALSE(proxy.allowRealIpFallback);
  EXPECT_FALSE(proxy.trustedProxyAuth);
  EXPECT_TRUE(proxy.identityScopes.empty());
}

TEST(ProxySettings, AnInvalidTrustedProxyEntryIsAConfigErrorNamingIt) {
  const std::string error = errorOf([] {
    resolve({{"trustedProxies", {"10.0.0.1", "10.0.0.0/33"}}});
  });
  EXPECT_NE(error.find("gateway.trustedProxies.1"), std::string::npos) << error;
  EXPECT_NE(error.find("\"10.0.0.0/33\" is not an IP address or CIDR range"), std::string::npos)
      << error;
  EXPECT_NE(errorOf([] {
              resolve({{"trustedProxies", "10.0.0.1"}});
            }).find("list of strings"),
            std::string::npos);
}

TEST(ProxySettings, TrustedProxyModeNeedsItsBlockAUserHeaderAndNoSharedToken) {
  EXPECT_NE(errorOf([] {
              resolve({{"auth", {{"mode", "trusted-proxy"}}}});
            }).find("no trustedProxy config was provided"),
            std::string::npos);
  EXPECT_NE(
      errorOf([] {
        resolve({{"auth", {{"mode", "trusted-proxy"}, {"trustedProxy", {{"userHeader", " "}}}}}});
      }).find("trustedProxy.userHeader is empty"),
      std::string::npos);
  json withToken = kProxyAuth;
  withToken["token"] = "tok";
  EXPECT_NE(errorOf([&] {
              resolve({{"auth", withToken}});
            }).find("trusted-proxy and token auth are mutually exclusive"),
            std::string::npos);
  EXPECT_NE(errorOf([] {
              resolve({{"auth", kProxyAuth}}, {{"OPENCLAW_GATEWAY_TOKEN", "t"}});
            }).find("mutually exclusive"),
            std::string::npos);
  // The password stays as the local fallback; a non-loopback bind counts as authenticated.
  json withPassword = kProxyAuth;
  withPassword["password"] = "local-pass";
  const GatewaySettings settings = resolve({{"bind", "lan"}, {"auth", withPassword}});
  EXPECT_EQ(settings.auth.secret, "local-pass");
  // The block alone (another mode) is read but not required to be complete.
  EXPECT_EQ(resolve({{"auth", {{"trustedProxy", {{"allowLoopback", true}}}}}})
                .proxy.trustedProxyAuth->userHeader,
            "");
}

TEST(ProxySettings, IdentityScopesLowerCaseEmailKeys) {
  const ProxySettings proxy =
      resolve({{"auth",
                {{"identityScopes",
                  {{"Admin@Example.com", {"operator.admin"}}, {"Robot", {"operator.read"}}}}}}})
          .proxy;
  EXPECT_EQ(proxy.identityScopes.at("admin@example.com"),
            std::vector<std::string>{"operator.admin"});
  EXPECT_EQ(proxy.identityScopes.at("Robot"), std::vector<std::string>{"operator.read"});
  EXPECT_NE(errorOf([] {
              resolve({{"auth", {{"identityScopes", {{"a@b", "operator.read"}}}}}});
            }).find("gateway.auth.identityScopes.a@b"),
            std::string::npos);
}

TEST(ProxySettings, EveryProxyKeyAppliesLive) {
  const GatewaySettings before = resolve(json::object());
  const GatewaySettings after = resolve(
      {{"trustedProxies", {"10.0.0.1"}}, {"allowRealIpFallback", true}, {"auth", kProxyAuth}});
  const ReloadPlan plan = planReload(before, after);
  EXPECT_TRUE(plan.restart.empty());
  for (const char* key : {"gateway.trustedProxies", "gateway.allowRealIpFallback",
                          "gateway.auth.trustedProxy", "gateway.auth"}) {
    EXPECT_NE(std::find(plan.hot.begin(), plan.hot.end(), key), plan.hot.end()) << key;
  }
  GatewaySettings running = before;
  applyHotSettings(running, after);
  EXPECT_EQ(running.proxy, after.proxy);
}

}  // namespace
}  // namespace openclaw::config
