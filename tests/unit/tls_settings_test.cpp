#include "config/tls_settings.h"

#include <gtest/gtest.h>

#include "config/reload_plan.h"

namespace openclaw::config {
namespace {

using nlohmann::json;

ConfigFile configOf(json root) {
  ConfigFile config;
  config.path = "/test/openclaw.json";
  config.exists = true;
  config.root = std::move(root);
  return config;
}

InstancePaths paths() {
  InstancePaths paths;
  paths.stateDir = "/test/state";
  paths.configPath = "/test/openclaw.json";
  return paths;
}

TEST(TlsSettings, DefaultsAreOffWithUpstreamsFileNames) {
  const TlsSettings tls = resolveTlsSettings(configOf(json::object()), paths());
  EXPECT_FALSE(tls.enabled);
  EXPECT_TRUE(tls.autoGenerate);
  EXPECT_EQ(tls.certPath, "/test/state/gateway/tls/gateway-cert.pem");
  EXPECT_EQ(tls.keyPath, "/test/state/gateway/tls/gateway-key.pem");
  EXPECT_FALSE(tls.caPath);
}

TEST(TlsSettings, ReadsEveryKeyAndExpandsPaths) {
  const char* home = std::getenv("HOME");
  ASSERT_NE(home, nullptr);
  const TlsSettings tls = resolveTlsSettings(configOf({{"gateway",
                                                        {{"tls",
                                                          {{"enabled", true},
                                                           {"autoGenerate", false},
                                                           {"certPath", "/etc/openclaw/server.crt"},
                                                           {"keyPath", "~/keys/server.key"},
                                                           {"caPath", "/etc/openclaw/ca.pem"}}}}}}),
                                             paths());
  EXPECT_TRUE(tls.enabled);
  EXPECT_FALSE(tls.autoGenerate);
  EXPECT_EQ(tls.certPath, "/etc/openclaw/server.crt");
  EXPECT_EQ(tls.keyPath, std::filesystem::path(home) / "keys/server.key");
  EXPECT_EQ(tls.caPath, std::filesystem::path("/etc/openclaw/ca.pem"));
}

TEST(TlsSettings, BlankPathsMeanTheDefaults) {
  const TlsSettings tls = resolveTlsSettings(
      configOf({{"gateway", {{"tls", {{"certPath", "  "}, {"keyPath", ""}, {"caPath", ""}}}}}}),
      paths());
  EXPECT_EQ(tls.certPath, defaultTlsCertPath(paths()));
  EXPECT_EQ(tls.keyPath, defaultTlsKeyPath(paths()));
  EXPECT_FALSE(tls.caPath);
}

TEST(TlsSettings, WrongTypesAreConfigErrorsAtTheKey) {
  try {
    resolveTlsSettings(configOf({{"gateway", {{"tls", {{"enabled", "yes"}}}}}}), paths());
    FAIL() << "accepted a string for enabled";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("tls"), std::string::npos) << error.what();
  }
  EXPECT_THROW(resolveTlsSettings(configOf({{"gateway", {{"tls", {{"certPath", 5}}}}}}), paths()),
               ConfigError);
}

TEST(TlsSettings, ChangingThemNeedsARestart) {
  GatewaySettings running;
  GatewaySettings next = running;
  next.tls.enabled = true;
  const ReloadPlan plan = planReload(running, next);
  EXPECT_EQ(plan.restart, std::vector<std::string>{"gateway.tls"});
  EXPECT_TRUE(plan.hot.empty());
}

}  // namespace
}  // namespace openclaw::config
