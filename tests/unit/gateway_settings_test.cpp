#include "config/gateway_settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/files.h"
#include "core/logging.h"
#include "env_lookup.h"
#include "temp_dir.h"

namespace openclaw::config {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Vars = std::map<std::string, std::string>;

// An environment made of `vars` only; like the real one, empty values count as unset.

// An existing config file with `root` as its contents, never touching the disk.
ConfigFile configOf(json root) {
  ConfigFile config;
  config.path = "/test/openclaw.json";
  config.exists = true;
  config.root = std::move(root);
  return config;
}

// A config with gateway.mode "local" plus `extra` merged in.
ConfigFile localConfig(const json& extra = json::object()) {
  json root = {{"gateway", {{"mode", "local"}}}};
  root.merge_patch(extra);
  return configOf(root);
}

InstancePaths pathsFor(const Profile& profile = {}) {
  InstancePaths paths;
  paths.profile = profile;
  paths.stateDir = "/test/state";
  paths.configPath = "/test/openclaw.json";
  paths.databasePath = "/test/state/openclaw.db";
  return paths;
}

GatewaySettings resolve(const ConfigFile& config, const GatewayRunOptions& options = {},
                        Vars env = {}, const Profile& profile = {}) {
  return resolveGatewaySettings(config, pathsFor(profile), options,
                                testsupport::environmentOf(std::move(env)));
}

// The what() of the exception `action` throws, or "" (and a failure) when it does not throw.
template <typename Action>
std::string errorOf(Action action) {
  try {
    action();
  } catch (const std::exception& error) {
    return error.what();
  }
  ADD_FAILURE() << "nothing thrown";
  return "";
}

::testing::AssertionResult contains(const std::string& haystack, const std::string& needle) {
  if (haystack.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << haystack << "\" lacks \"" << needle << "\"";
}
#define EXPECT_CONTAINS(haystack, needle) EXPECT_TRUE(contains(haystack, needle))

GatewayRunOptions withToken(const std::string& token) {
  GatewayRunOptions options;
  options.token = token;
  return options;
}

GatewayRunOptions withBind(const std::string& bind) {
  GatewayRunOptions options;
  options.bind = bind;
  return options;
}

using testsupport::TempDir;

// --- port precedence -------------------------------------------------------------------------

TEST(GatewaySettingsPort, DefaultsPerProfile) {
  EXPECT_EQ(resolve(localConfig()).port, 18789);
  EXPECT_EQ(resolve(localConfig(), {}, {}, Profile::devProfile()).port, 19001);
  EXPECT_EQ(resolve(localConfig(), {}, {}, Profile::named("work")).port, 18789);
}

TEST(GatewaySettingsPort, ConfigShadowsDefault) {
  const ConfigFile config = localConfig({{"gateway", {{"port", 20000}}}});
  EXPECT_EQ(resolve(config).port, 20000);
  EXPECT_EQ(resolve(config, {}, {}, Profile::devProfile()).port, 20000);
}

TEST(GatewaySettingsPort, EnvironmentShadowsConfig) {
  const ConfigFile config = localConfig({{"gateway", {{"port", 20000}}}});
  EXPECT_EQ(resolve(config, {}, {{"OPENCLAW_GATEWAY_PORT", "21000"}}).port, 21000);
  // An empty variable is unset, so the config still applies.
  EXPECT_EQ(resolve(config, {}, {{"OPENCLAW_GATEWAY_PORT", ""}}).port, 20000);
}

TEST(GatewaySettingsPort, FlagShadowsEnvironment) {
  const ConfigFile config = localConfig({{"gateway", {{"port", 20000}}}});
  GatewayRunOptions options;
  options.port = 22000;
  EXPECT_EQ(resolve(config, options, {{"OPENCLAW_GATEWAY_PORT", "21000"}}).port, 22000);
  // The flag wins before the environment is even parsed.
  EXPECT_EQ(resolve(config, options, {{"OPENCLAW_GATEWAY_PORT", "junk"}}).port, 22000);
  options.port = 0;  // 0 asks for a free port and is still an explicit choice
  EXPECT_EQ(resolve(config, options, {{"OPENCLAW_GATEWAY_PORT", "21000"}}).port, 0);
}

TEST(GatewaySettingsPort, RejectsBadEnvironmentPort) {
  for (const std::string text : {"abc", "80x", "70000", "-1", "18789.0"}) {
    const std::string message = errorOf([&] {
      resolve(localConfig(), {}, {{"OPENCLAW_GATEWAY_PORT", text}});
    });
    EXPECT_EQ(message,
              "OPENCLAW_GATEWAY_PORT must be a port number from 0 to 65535, got \"" + text + "\"");
  }
}

TEST(GatewaySettingsPort, RejectsOutOfRangeConfigPort) {
  const std::string message = errorOf([] {
    resolve(localConfig({{"gateway", {{"port", 65536}}}}));
  });
  EXPECT_EQ(message, "/test/openclaw.json: gateway.port: must be between 0 and 65535, got 65536");
}

TEST(GatewaySettingsPort, ConfigErrorsFromAFilePointAtTheValue) {
  TempDir dir;
  const fs::path file = dir.write("openclaw.json", "{gateway: {mode: 'local', port: 99999}}");
  const ConfigFile config = ConfigFile::load(file);
  EXPECT_EQ(errorOf([&] { resolve(config); }),
            file.string() + ":1:33: gateway.port: must be between 0 and 65535, got 99999");
}

// --- gateway.mode --------------------------------------------------------------------------

TEST(GatewaySettingsMode, RefusesWithoutAConfigFile) {
  ConfigFile missing;
  missing.path = "/test/openclaw.json";
  const std::string message = errorOf([&] { resolve(missing); });
  EXPECT_CONTAINS(message, "/test/openclaw.json does not exist");
  EXPECT_CONTAINS(message, "--allow-unconfigured");
}

TEST(GatewaySettingsMode, RefusesWhenModeIsUnset) {
  const std::string message = errorOf([] { resolve(configOf({{"gateway", {{"port", 1}}}})); });
  EXPECT_CONTAINS(message, "does not set gateway.mode");
  EXPECT_CONTAINS(message, "--allow-unconfigured");
}

TEST(GatewaySettingsMode, RefusesRemoteMode) {
  const std::string message = errorOf([] {
    resolve(configOf({{"gateway", {{"mode", "remote"}}}}));
  });
  EXPECT_CONTAINS(message, "sets gateway.mode to \"remote\"");
  EXPECT_CONTAINS(message, "--allow-unconfigured");
}

TEST(GatewaySettingsMode, AllowUnconfiguredStartsWithDefaults) {
  GatewayRunOptions options;
  options.allowUnconfigured = true;
  ConfigFile missing;
  missing.path = "/test/openclaw.json";
  const GatewaySettings settings = resolve(missing, options);
  EXPECT_EQ(settings.port, 18789);
  EXPECT_EQ(settings.bindMode, "loopback");
  EXPECT_EQ(settings.bindHosts, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(settings.auth.mode, AuthMode::None);
  EXPECT_EQ(resolve(configOf({{"gateway", {{"mode", "remote"}}}}), options).port, 18789);
}

TEST(GatewaySettingsMode, UnknownModeIsAConfigErrorEvenWhenAllowed) {
  GatewayRunOptions options;
  options.allowUnconfigured = true;
  const std::string message = errorOf([&] {
    resolve(configOf({{"gateway", {{"mode", "cloud"}}}}), options);
  });
  EXPECT_CONTAINS(message, "gateway.mode: must be one of \"local\", \"remote\", got \"cloud\"");
}

TEST(GatewaySettingsMode, CopiesPathsAndVerbose) {
  GatewayRunOptions options;
  options.verbose = true;
  const GatewaySettings settings = resolve(localConfig(), options, {}, Profile::named("work"));
  EXPECT_TRUE(settings.verbose);
  EXPECT_EQ(settings.paths.profile.name, "work");
  EXPECT_EQ(settings.paths.databasePath, fs::path("/test/state/openclaw.db"));
}

// --- auth ----------------------------------------------------------------------------------

TEST(GatewaySettingsAuth, InfersTokenModeFromAToken) {
  const AuthSettings auth =
      resolve(localConfig({{"gateway", {{"auth", {{"token", "cfg-token"}}}}}})).auth;
  EXPECT_EQ(auth.mode, AuthMode::Token);
  EXPECT_EQ(auth.secret, "cfg-token");
}

TEST(GatewaySettingsAuth, InfersPasswordModeFromAPassword) {
  const AuthSettings auth =
      resolve(localConfig({{"gateway", {{"auth", {{"password", "cfg-pass"}}}}}})).auth;
  EXPECT_EQ(auth.mode, AuthMode::Password);
  EXPECT_EQ(auth.secret, "cfg-pass");
  EXPECT_EQ(resolve(localConfig(), {}, {{"OPENCLAW_GATEWAY_PASSWORD", "env-pass"}}).auth.mode,
            AuthMode::Password);
}

TEST(GatewaySettingsAuth, InfersNoneWithoutSecrets) {
  const AuthSettings auth = resolve(localConfig()).auth;
  EXPECT_EQ(auth.mode, AuthMode::None);
  EXPECT_EQ(auth.secret, "");
  EXPECT_EQ(authModeName(auth.mode), "none");
}

TEST(GatewaySettingsAuth, ExplicitModeBeatsInference) {
  const ConfigFile config =
      localConfig({{"gateway", {{"auth", {{"mode", "none"}, {"token", "cfg-token"}}}}}});
  EXPECT_EQ(resolve(config).auth.mode, AuthMode::None);
  GatewayRunOptions options;
  options.authMode = "token";
  EXPECT_EQ(resolve(config, options).auth.mode, AuthMode::Token);
}

TEST(GatewaySettingsAuth, TokenModeWithoutATokenNamesEveryWayToSetOne) {
  GatewayRunOptions options;
  options.authMode = "token";
  const std::string message = errorOf([&] { resolve(localConfig(), options); });
  EXPECT_CONTAINS(message, "--token");
  EXPECT_CONTAINS(message, "OPENCLAW_GATEWAY_TOKEN");
  EXPECT_CONTAINS(message, "gateway.auth.token");
  // A password does not satisfy token mode.
  options.password = "pw";
  EXPECT_CONTAINS(errorOf([&] { resolve(localConfig(), options); }), "no token is set");
}

TEST(GatewaySettingsAuth, PasswordModeWithoutAPasswordNamesEveryWayToSetOne) {
  const ConfigFile config = localConfig({{"gateway", {{"auth", {{"mode", "password"}}}}}});
  const std::string message = errorOf([&] { resolve(config); });
  EXPECT_CONTAINS(message, "--password");
  EXPECT_CONTAINS(message, "OPENCLAW_GATEWAY_PASSWORD");
  EXPECT_CONTAINS(message, "gateway.auth.password");
}

TEST(GatewaySettingsAuth, TokenPrecedence) {
  const ConfigFile config = localConfig({{"gateway", {{"auth", {{"token", "cfg-token"}}}}}});
  EXPECT_EQ(resolve(config, {}, {{"OPENCLAW_GATEWAY_TOKEN", "env-token"}}).auth.secret,
            "env-token");
  EXPECT_EQ(resolve(config, withToken("flag-token"), {{"OPENCLAW_GATEWAY_TOKEN", "env-token"}})
                .auth.secret,
            "flag-token");
}

TEST(GatewaySettingsAuth, PasswordFileIsReadAndTrimmed) {
  TempDir dir;
  GatewayRunOptions options;
  options.authMode = "password";
  options.passwordFile = dir.write("pw", "correct horse\n").string();
  EXPECT_EQ(resolve(localConfig(), options).auth.secret, "correct horse");
  options.passwordFile = dir.write("pw-crlf", "battery staple\r\n").string();
  EXPECT_EQ(resolve(localConfig(), options).auth.secret, "battery staple");
  // Only trailing line breaks go; other whitespace is part of the password.
  options.passwordFile = dir.write("pw-spaces", " spaced \n").string();
  EXPECT_EQ(resolve(localConfig(), options).auth.secret, " spaced ");
}

TEST(GatewaySettingsAuth, PasswordFileBeatsEnvironmentAndConfig) {
  TempDir dir;
  GatewayRunOptions options;
  options.passwordFile = dir.write("pw", "from-file\n").string();
  const ConfigFile config = localConfig({{"gateway", {{"auth", {{"password", "cfg-pass"}}}}}});
  const AuthSettings auth =
      resolve(config, options, {{"OPENCLAW_GATEWAY_PASSWORD", "env-pass"}}).auth;
  EXPECT_EQ(auth.mode, AuthMode::Password);
  EXPECT_EQ(auth.secret, "from-file");
}

TEST(GatewaySettingsAuth, EmptyOrMissingPasswordFileIsRefused) {
  TempDir dir;
  GatewayRunOptions options;
  for (const char* contents : {"", "\n", "\r\n\n"}) {
    options.passwordFile = dir.write("empty", contents).string();
    EXPECT_EQ(errorOf([&] { resolve(localConfig(), options); }),
              "--password-file " + *options.passwordFile + " is empty");
  }
  options.passwordFile = "/nonexistent/oc-unit/pw";
  EXPECT_EQ(errorOf([&] { resolve(localConfig(), options); }),
            "--password-file /nonexistent/oc-unit/pw does not exist");
}

TEST(GatewaySettingsAuth, TrustedProxyNeedsItsUserHeader) {
  // The mode itself is read in config/proxy_settings (tests/unit/proxy_settings_test.cpp).
  const ConfigFile config = localConfig({{"gateway", {{"auth", {{"mode", "trusted-proxy"}}}}}});
  EXPECT_CONTAINS(errorOf([&] { resolve(config); }), "no trustedProxy config was provided");
}

TEST(GatewaySettingsAuth, UnknownAuthFlagIsRefused) {
  GatewayRunOptions options;
  options.authMode = "oauth";
  EXPECT_CONTAINS(errorOf([&] { resolve(localConfig(), options); }),
                  "--auth must be none, token, password or trusted-proxy");
}

// --- bind ----------------------------------------------------------------------------------

TEST(GatewaySettingsBind, LoopbackByDefault) {
  const GatewaySettings settings = resolve(localConfig());
  EXPECT_EQ(settings.bindMode, "loopback");
  EXPECT_EQ(settings.bindHosts, std::vector<std::string>{"127.0.0.1"});
}

TEST(GatewaySettingsBind, LanWithoutAuthIsRefused) {
  const std::string message = errorOf([] { resolve(localConfig(), withBind("lan")); });
  EXPECT_CONTAINS(message, "refusing to bind 0.0.0.0 (--bind lan) without auth");
  EXPECT_CONTAINS(message, "--token");
  EXPECT_CONTAINS(message, "--bind loopback");
  // Choosing no auth explicitly does not get around it.
  GatewayRunOptions options = withBind("lan");
  options.authMode = "none";
  options.token = "ignored";
  EXPECT_CONTAINS(errorOf([&] { resolve(localConfig(), options); }), "without auth");
}

TEST(GatewaySettingsBind, LanWithATokenListensEverywhere) {
  GatewayRunOptions options = withBind("lan");
  options.token = "t0k";
  const GatewaySettings settings = resolve(localConfig(), options);
  EXPECT_EQ(settings.bindMode, "lan");
  EXPECT_EQ(settings.bindHosts, std::vector<std::string>{"0.0.0.0"});
  EXPECT_EQ(settings.auth.mode, AuthMode::Token);
}

TEST(GatewaySettingsBind, ConfigBindAppliesAndTheFlagOverridesIt) {
  const ConfigFile config = localConfig({{"gateway", {{"bind", "lan"}}}});
  EXPECT_CONTAINS(errorOf([&] { resolve(config); }), "(--bind lan) without auth");
  EXPECT_EQ(resolve(config, withBind("loopback")).bindHosts, std::vector<std::string>{"127.0.0.1"});
}

TEST(GatewaySettingsBind, CustomHost) {
  const ConfigFile config =
      localConfig({{"gateway", {{"bind", "custom"}, {"customBindHost", "10.1.2.3"}}}});
  const std::string message = errorOf([&] { resolve(config); });
  EXPECT_CONTAINS(message, "refusing to bind 10.1.2.3 (--bind custom) without auth");
  EXPECT_CONTAINS(message, "--token");

  const GatewaySettings settings = resolve(config, withToken("t0k"));
  EXPECT_EQ(settings.bindHosts, (std::vector<std::string>{"10.1.2.3", "127.0.0.1"}));
}

TEST(GatewaySettingsBind, CustomLoopbackHostNeedsNoAuth) {
  const ConfigFile config =
      localConfig({{"gateway", {{"bind", "custom"}, {"customBindHost", "127.0.0.1"}}}});
  EXPECT_EQ(resolve(config).bindHosts, std::vector<std::string>{"127.0.0.1"});
}

TEST(GatewaySettingsBind, CustomWithoutHostIsRefused) {
  const std::string message = errorOf([] { resolve(localConfig(), withBind("custom")); });
  EXPECT_CONTAINS(message, "--bind custom needs gateway.customBindHost");
  EXPECT_CONTAINS(message, "/test/openclaw.json");
}

TEST(GatewaySettingsBind, CustomWithInvalidIPv4IsRefused) {
  for (const std::string host : {"10.1.2", "10.1.2.256", "example.com", "::1", ""}) {
    const ConfigFile config = localConfig({{"gateway", {{"customBindHost", host}}}});
    EXPECT_EQ(errorOf([&] { resolve(config, withBind("custom")); }),
              "/test/openclaw.json: gateway.customBindHost: must be an IPv4 address, got \"" +
                  host + "\"");
  }
}

TEST(GatewaySettingsBind, UnknownBindFlagIsRefused) {
  EXPECT_CONTAINS(errorOf([] { resolve(localConfig(), withBind("wan")); }),
                  "--bind must be loopback, lan, tailnet, auto or custom");
}

// --- limits, rate limits, logging ----------------------------------------------------------

TEST(GatewaySettingsControlUi, BrowserOriginPolicyDefaultsToNoExtraOrigins) {
  const GatewaySettings defaults = resolve(localConfig());
  EXPECT_TRUE(defaults.controlUi.allowedOrigins.empty());
  EXPECT_FALSE(defaults.controlUi.allowHostHeaderOriginFallback);

  const GatewaySettings set =
      resolve(localConfig({{"gateway",
                            {{"controlUi",
                              {{"allowedOrigins", {"https://control.example.com"}},
                               {"dangerouslyAllowHostHeaderOriginFallback", true}}}}}}));
  EXPECT_EQ(set.controlUi.allowedOrigins, std::vector<std::string>{"https://control.example.com"});
  EXPECT_TRUE(set.controlUi.allowHostHeaderOriginFallback);

  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig(
                        {{"gateway", {{"controlUi", {{"allowedOrigins", "https://a.example"}}}}}}));
                  }),
                  "gateway.controlUi.allowedOrigins");
}

TEST(GatewaySettingsLimits, DefaultsWhenUnset) {
  const GatewaySettings settings = resolve(localConfig());
  const GatewayLimits defaults;
  EXPECT_EQ(settings.limits.maxPayloadBytes, defaults.maxPayloadBytes);
  EXPECT_EQ(settings.limits.maxBufferedBytes, defaults.maxBufferedBytes);
  EXPECT_EQ(settings.limits.handshakeTimeoutMs, defaults.handshakeTimeoutMs);
  EXPECT_EQ(settings.limits.tickIntervalMs, defaults.tickIntervalMs);
  const AuthRateLimit rate;
  EXPECT_EQ(settings.rateLimit.maxAttempts, rate.maxAttempts);
  EXPECT_EQ(settings.rateLimit.windowMs, rate.windowMs);
  EXPECT_EQ(settings.rateLimit.lockoutMs, rate.lockoutMs);
  EXPECT_EQ(settings.rateLimit.exemptLoopback, rate.exemptLoopback);
}

TEST(GatewaySettingsLimits, FromConfig) {
  const ConfigFile config = localConfig({{"gateway",
                                          {{"tickIntervalMs", 1000},
                                           {"limits",
                                            {{"maxPayloadBytes", 2048},
                                             {"maxBufferedBytes", 4096},
                                             {"handshakeTimeoutMs", 5000}}}}}});
  const GatewayLimits limits = resolve(config).limits;
  EXPECT_EQ(limits.maxPayloadBytes, 2048u);
  EXPECT_EQ(limits.maxBufferedBytes, 4096u);
  EXPECT_EQ(limits.handshakeTimeoutMs, 5000);
  EXPECT_EQ(limits.tickIntervalMs, 1000);
  EXPECT_EQ(limits.preauthMaxPayloadBytes, GatewayLimits{}.preauthMaxPayloadBytes);
}

TEST(GatewaySettingsLimits, OutOfRangeValuesNameTheKey) {
  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig({{"gateway", {{"limits", {{"maxPayloadBytes", 10}}}}}}));
                  }),
                  "gateway.limits.maxPayloadBytes: must be between 1024 and");
  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig({{"gateway", {{"tickIntervalMs", 50}}}}));
                  }),
                  "gateway.tickIntervalMs: must be between 100 and 3600000, got 50");
}

TEST(GatewaySettingsLimits, HandshakeTimeoutFromEnvironment) {
  const ConfigFile config =
      localConfig({{"gateway", {{"limits", {{"handshakeTimeoutMs", 5000}}}}}});
  EXPECT_EQ(
      resolve(config, {}, {{"OPENCLAW_HANDSHAKE_TIMEOUT_MS", "2500"}}).limits.handshakeTimeoutMs,
      2500);
}

TEST(GatewaySettingsLimits, HandshakeTimeoutFromEnvironmentIsRangeChecked) {
  const ConfigFile config = localConfig(json::object());
  EXPECT_EQ(
      resolve(config, {}, {{"OPENCLAW_HANDSHAKE_TIMEOUT_MS", "120000"}}).limits.handshakeTimeoutMs,
      120000);
  for (const char* bad : {"0", "50", "600001", "+500", " 500", "5s"}) {
    EXPECT_CONTAINS(
        errorOf([&] {
          resolve(config, {}, {{"OPENCLAW_HANDSHAKE_TIMEOUT_MS", bad}});
        }),
        "OPENCLAW_HANDSHAKE_TIMEOUT_MS must be a time in milliseconds from 100 to 600000");
  }
}

TEST(GatewaySettingsRateLimit, FromConfig) {
  const ConfigFile config = localConfig({{"gateway",
                                          {{"auth",
                                            {{"rateLimit",
                                              {{"maxAttempts", 3},
                                               {"windowMs", 1000},
                                               {"lockoutMs", 0},
                                               {"exemptLoopback", false}}}}}}}});
  const AuthRateLimit rate = resolve(config).rateLimit;
  EXPECT_EQ(rate.maxAttempts, 3);
  EXPECT_EQ(rate.windowMs, 1000);
  EXPECT_EQ(rate.lockoutMs, 0);
  EXPECT_FALSE(rate.exemptLoopback);
}

TEST(GatewaySettingsRateLimit, BadValuesNameTheKey) {
  EXPECT_CONTAINS(
      errorOf([] {
        resolve(localConfig({{"gateway", {{"auth", {{"rateLimit", {{"maxAttempts", 0}}}}}}}}));
      }),
      "gateway.auth.rateLimit.maxAttempts: must be between 1 and");
  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig(
                        {{"gateway", {{"auth", {{"rateLimit", {{"exemptLoopback", "no"}}}}}}}}));
                  }),
                  "gateway.auth.rateLimit.exemptLoopback: must be true or false");
}

TEST(GatewaySettingsLogging, FromConfig) {
  const ConfigFile config =
      localConfig({{"logging", {{"file", "/var/log/oc-%Y.log"}, {"level", "debug"}}}});
  const GatewaySettings settings = resolve(config);
  EXPECT_EQ(settings.logFilePattern, "/var/log/oc-%Y.log");
  EXPECT_EQ(settings.logLevel, "debug");
}

TEST(GatewaySettingsLogging, DefaultsFollowTheProfile) {
  const GatewaySettings settings = resolve(localConfig(), {}, {}, Profile::named("work"));
  EXPECT_EQ(settings.logFilePattern, core::defaultLogFilePattern("work"));
  EXPECT_EQ(settings.logLevel, "info");
}

TEST(GatewaySettingsLogging, UnknownLevelIsRefused) {
  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig({{"logging", {{"level", "loud"}}}}));
                  }),
                  "logging.level: must be one of");
}

// --- resolveClientTarget -------------------------------------------------------------------

ClientTarget target(const ConfigFile& config, const ClientTargetOptions& options = {},
                    Vars env = {}, const Profile& profile = {}) {
  return resolveClientTarget(config, pathsFor(profile), options,
                             testsupport::environmentOf(std::move(env)));
}

const Vars kCredentialEnv = {{"OPENCLAW_GATEWAY_TOKEN", "env-token"},
                             {"OPENCLAW_GATEWAY_PASSWORD", "env-pass"}};

TEST(ClientTarget, UrlFlagUsesOnlyExplicitCredentials) {
  const ConfigFile config =
      localConfig({{"gateway", {{"auth", {{"token", "cfg-token"}, {"password", "cfg-pass"}}}}}});
  ClientTargetOptions options;
  options.url = "ws://elsewhere:1234";
  Vars env = kCredentialEnv;
  env["OPENCLAW_GATEWAY_URL"] = "ws://env-url:1";
  ClientTarget result = target(config, options, env);
  EXPECT_EQ(result.url, "ws://elsewhere:1234");
  EXPECT_EQ(result.token, std::nullopt);
  EXPECT_EQ(result.password, std::nullopt);

  options.token = "flag-token";
  options.password = "flag-pass";
  result = target(config, options, env);
  EXPECT_EQ(result.token, "flag-token");
  EXPECT_EQ(result.password, "flag-pass");
}

TEST(ClientTarget, EnvironmentUrl) {
  Vars env = kCredentialEnv;
  env["OPENCLAW_GATEWAY_URL"] = "wss://gw.example.com";
  ClientTarget result = target(localConfig(), {}, env);
  EXPECT_EQ(result.url, "wss://gw.example.com");
  EXPECT_EQ(result.token, "env-token");
  EXPECT_EQ(result.password, "env-pass");

  ClientTargetOptions options;
  options.token = "flag-token";
  EXPECT_EQ(target(localConfig(), options, env).token, "flag-token");
}

TEST(ClientTarget, RemoteModeUsesRemoteUrlAndToken) {
  const ConfigFile config =
      configOf({{"gateway",
                 {{"mode", "remote"},
                  {"auth", {{"token", "local-token"}}},
                  {"remote", {{"url", "wss://remote:443"}, {"token", "rt"}}}}}});
  ClientTarget result = target(config);
  EXPECT_EQ(result.url, "wss://remote:443");
  EXPECT_EQ(result.token, "rt");
  EXPECT_EQ(result.password, std::nullopt);

  ClientTargetOptions options;
  options.token = "flag-token";
  EXPECT_EQ(target(config, options).token, "flag-token");
  // OPENCLAW_GATEWAY_URL still comes first.
  EXPECT_EQ(target(config, {}, {{"OPENCLAW_GATEWAY_URL", "ws://env:1"}}).url, "ws://env:1");
}

TEST(ClientTarget, RemoteUrlIsIgnoredInLocalMode) {
  const ConfigFile config =
      localConfig({{"gateway", {{"remote", {{"url", "wss://remote:443"}, {"token", "rt"}}}}}});
  const ClientTarget result = target(config);
  EXPECT_EQ(result.url, "ws://127.0.0.1:18789");
  EXPECT_EQ(result.token, std::nullopt);
}

TEST(ClientTarget, DefaultsToTheLocalGateway) {
  const ConfigFile config = localConfig(
      {{"gateway",
        {{"port", 20000}, {"auth", {{"token", "cfg-token"}, {"password", "cfg-pass"}}}}}});
  ClientTarget result = target(config);
  EXPECT_EQ(result.url, "ws://127.0.0.1:20000");
  EXPECT_EQ(result.token, "cfg-token");
  EXPECT_EQ(result.password, "cfg-pass");

  Vars env = kCredentialEnv;
  env["OPENCLAW_GATEWAY_PORT"] = "21000";
  result = target(config, {}, env);
  EXPECT_EQ(result.url, "ws://127.0.0.1:21000");
  EXPECT_EQ(result.token, "env-token");
  EXPECT_EQ(result.password, "env-pass");

  EXPECT_EQ(target(localConfig(), {}, {}, Profile::devProfile()).url, "ws://127.0.0.1:19001");
}

constexpr char kPin[] = "e1c4e418367d459d600bbf9ee5f4e2395199f14fdc785dba8bcf9e4a009e5da6";

TEST(ClientTarget, UrlFlagTakesOnlyTheGivenPin) {
  const ConfigFile config = configOf(
      {{"gateway",
        {{"mode", "remote"}, {"remote", {{"url", "wss://r:1"}, {"tlsFingerprint", kPin}}}}}});
  ClientTargetOptions options;
  options.url = "wss://elsewhere:443";
  EXPECT_EQ(target(config, options).tlsFingerprint, std::nullopt);
  options.tlsFingerprint = "sha256:AB";
  EXPECT_EQ(target(config, options).tlsFingerprint, "sha256:AB");  // the client checks the form
}

TEST(ClientTarget, RemoteModePinsWithTheRemoteFingerprint) {
  const ConfigFile config = configOf(
      {{"gateway",
        {{"mode", "remote"}, {"remote", {{"url", "wss://r:1"}, {"tlsFingerprint", kPin}}}}}});
  EXPECT_EQ(target(config).tlsFingerprint, kPin);
  EXPECT_EQ(target(config).localCertificate, std::nullopt);
  // OPENCLAW_GATEWAY_URL in remote mode is the remote gateway too, as upstream.
  EXPECT_EQ(target(config, {}, {{"OPENCLAW_GATEWAY_URL", "wss://env:1"}}).tlsFingerprint, kPin);
  ClientTargetOptions options;
  options.tlsFingerprint = "given";
  EXPECT_EQ(target(config, options).tlsFingerprint, "given");
  // In local mode the remote block's pin means nothing.
  const ConfigFile local = localConfig({{"gateway", {{"remote", {{"tlsFingerprint", kPin}}}}}});
  EXPECT_EQ(target(local, {}, {{"OPENCLAW_GATEWAY_URL", "wss://env:1"}}).tlsFingerprint,
            std::nullopt);
}

TEST(ClientTarget, LocalTlsGatewayIsWssPinnedToItsOwnCertificate) {
  const InstancePaths paths = pathsFor();
  ClientTarget result =
      target(localConfig({{"gateway", {{"port", 20000}, {"tls", {{"enabled", true}}}}}}));
  EXPECT_EQ(result.url, "wss://127.0.0.1:20000");
  EXPECT_EQ(result.tlsFingerprint, std::nullopt);
  EXPECT_EQ(result.localCertificate, defaultTlsCertPath(paths));

  result = target(
      localConfig({{"gateway", {{"tls", {{"enabled", true}, {"certPath", "/etc/gw.pem"}}}}}}));
  EXPECT_EQ(result.localCertificate, fs::path("/etc/gw.pem"));

  ClientTargetOptions options;
  options.tlsFingerprint = kPin;
  result = target(localConfig({{"gateway", {{"tls", {{"enabled", true}}}}}}), options);
  EXPECT_EQ(result.tlsFingerprint, kPin);
  EXPECT_EQ(result.localCertificate, std::nullopt);

  result = target(localConfig());
  EXPECT_EQ(result.url, "ws://127.0.0.1:18789");
  EXPECT_EQ(result.localCertificate, std::nullopt);
}

// --- instance paths ------------------------------------------------------------------------

TEST(InstancePathsTest, DefaultInstanceLivesInHome) {
  const InstancePaths paths = resolveInstancePaths(Profile{}, testsupport::environmentOf({}));
  EXPECT_EQ(paths.stateDir, core::homeDir() / ".openclaw");
  EXPECT_EQ(paths.configPath, core::homeDir() / ".openclaw" / "openclaw.json");
  EXPECT_EQ(paths.databasePath, core::homeDir() / ".openclaw" / "openclaw.db");
}

TEST(InstancePathsTest, ProfilesGetTheirOwnDirectory) {
  EXPECT_EQ(resolveInstancePaths(Profile::devProfile(), testsupport::environmentOf({})).stateDir,
            core::homeDir() / ".openclaw-dev");
  const InstancePaths paths =
      resolveInstancePaths(Profile::named("rescue_1"), testsupport::environmentOf({}));
  EXPECT_EQ(paths.stateDir, core::homeDir() / ".openclaw-rescue_1");
  EXPECT_EQ(paths.configPath, core::homeDir() / ".openclaw-rescue_1" / "openclaw.json");
  EXPECT_EQ(paths.profile.name, "rescue_1");
}

TEST(InstancePathsTest, EnvironmentOverrides) {
  InstancePaths paths = resolveInstancePaths(
      Profile::devProfile(), testsupport::environmentOf({{"OPENCLAW_STATE_DIR", "/srv/oc"}}));
  EXPECT_EQ(paths.stateDir, fs::path("/srv/oc"));
  EXPECT_EQ(paths.configPath, fs::path("/srv/oc/openclaw.json"));
  EXPECT_EQ(paths.databasePath, fs::path("/srv/oc/openclaw.db"));

  paths = resolveInstancePaths(
      Profile{}, testsupport::environmentOf({{"OPENCLAW_CONFIG_PATH", "/etc/oc.json5"}}));
  EXPECT_EQ(paths.configPath, fs::path("/etc/oc.json5"));
  EXPECT_EQ(paths.stateDir, core::homeDir() / ".openclaw");

  paths = resolveInstancePaths(Profile{},
                               testsupport::environmentOf({{"OPENCLAW_STATE_DIR", "~/elsewhere"}}));
  EXPECT_EQ(paths.stateDir, core::homeDir() / "elsewhere");
}

TEST(ProfileTest, NamedValidatesTheName) {
  const std::vector<std::string> invalid = {"a/b", "", "..", "a b", "x.y", std::string(65, 'p')};
  for (const std::string& bad : invalid) {
    EXPECT_THROW(Profile::named(bad), std::invalid_argument) << "'" << bad << "'";
  }
  const Profile profile = Profile::named("rescue_1");
  EXPECT_EQ(profile.name, "rescue_1");
  EXPECT_FALSE(profile.dev);
  EXPECT_NO_THROW(Profile::named("A-z_09"));
  EXPECT_NO_THROW(Profile::named(std::string(64, 'p')));
}

TEST(ProfileTest, DevProfileAndDefaultPorts) {
  EXPECT_TRUE(Profile::devProfile().dev);
  EXPECT_EQ(Profile::devProfile().name, "dev");
  EXPECT_TRUE(Profile::named("dev").dev);
  EXPECT_EQ(defaultPortFor(Profile::devProfile()), 19001);
  EXPECT_EQ(defaultPortFor(Profile{}), 18789);
  EXPECT_EQ(defaultPortFor(Profile::named("work")), 18789);
}

}  // namespace
}  // namespace openclaw::config

// --- gateway.controlUi -----------------------------------------------------------------------

namespace openclaw::config {
namespace {

TEST(GatewaySettingsControlUi, DefaultsServeAtTheRootFromStateDirThenShareDir) {
  const GatewaySettings settings = resolve(localConfig());
  EXPECT_TRUE(settings.controlUi.enabled);
  EXPECT_EQ(settings.controlUi.basePath, "");
  ASSERT_EQ(settings.controlUi.roots.size(), 2u);
  EXPECT_EQ(settings.controlUi.roots[0], std::filesystem::path("/test/state/control-ui"));
  EXPECT_EQ(settings.controlUi.roots[1], installedDataDir() / "control-ui");
}

TEST(GatewaySettingsControlUi, ReadsEnabledBasePathAndRoot) {
  const GatewaySettings settings = resolve(localConfig(
      {{"gateway",
        {{"controlUi", {{"enabled", false}, {"basePath", "openclaw/"}, {"root", "/srv/ui"}}}}}}));
  EXPECT_FALSE(settings.controlUi.enabled);
  EXPECT_EQ(settings.controlUi.basePath, "/openclaw");
  EXPECT_EQ(settings.controlUi.roots, (std::vector<std::filesystem::path>{"/srv/ui"}));
}

TEST(GatewaySettingsControlUi, NormalisesBasePaths) {
  EXPECT_EQ(normalizeControlUiBasePath(""), "");
  EXPECT_EQ(normalizeControlUiBasePath("/"), "");
  EXPECT_EQ(normalizeControlUiBasePath(" /openclaw/ "), "/openclaw");
  EXPECT_EQ(normalizeControlUiBasePath("a/b"), "/a/b");
  EXPECT_EQ(normalizeControlUiBasePath("/a/b//"), "/a/b");
  for (const char* bad :
       {"/a//b", "/a/../b", "/./a", "/a b", "/a?x", "/a#x", "/a%2e", "/a\\b", "/a\tb"}) {
    EXPECT_THROW(normalizeControlUiBasePath(bad), std::invalid_argument) << bad;
  }
  EXPECT_THROW(normalizeControlUiBasePath("/" + std::string(300, 'a')), std::invalid_argument);
}

TEST(GatewaySettingsControlUi, BadValuesAreConfigErrors) {
  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig({{"gateway", {{"controlUi", {{"basePath", "/a/../b"}}}}}}));
                  }),
                  "gateway.controlUi.basePath");
  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig({{"gateway", {{"controlUi", {{"enabled", "yes"}}}}}}));
                  }),
                  "gateway.controlUi.enabled");
  EXPECT_CONTAINS(errorOf([] {
                    resolve(localConfig({{"gateway", {{"controlUi", {{"root", " "}}}}}}));
                  }),
                  "gateway.controlUi.root");
}

}  // namespace
}  // namespace openclaw::config
