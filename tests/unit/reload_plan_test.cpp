#include "config/reload_plan.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

namespace openclaw::config {
namespace {

GatewaySettings base() {
  GatewaySettings settings;
  settings.port = 18789;
  settings.bindHosts = {"127.0.0.1"};
  settings.auth = {AuthMode::Token, "secret"};
  settings.logFilePattern = "/tmp/openclaw/openclaw-%Y-%m-%d.log";
  return settings;
}

TEST(ReloadPlan, NoChangeIsAnEmptyPlan) { EXPECT_TRUE(planReload(base(), base()).empty()); }

TEST(ReloadPlan, ListenerChangesNeedARestart) {
  GatewaySettings next = base();
  next.port = 19000;
  next.bindMode = "lan";
  next.bindHosts = {"0.0.0.0"};
  next.logFilePattern = "/var/log/openclaw.log";
  const ReloadPlan plan = planReload(base(), next);
  EXPECT_EQ(plan.restart,
            (std::vector<std::string>{"gateway.port", "gateway.bind", "logging.file"}));
  EXPECT_TRUE(plan.hot.empty());
}

TEST(ReloadPlan, AuthLimitsTickAndLevelApplyLive) {
  GatewaySettings next = base();
  next.auth.secret = "rotated";
  next.rateLimit.maxAttempts = 3;
  next.limits.maxPayloadBytes = 1024;
  next.limits.handshakeTimeoutMs = 500;
  next.limits.tickIntervalMs = 1000;
  next.logLevel = "debug";
  next.reloadMode = "hot";
  next.restartAllowed = false;
  const ReloadPlan plan = planReload(base(), next);
  EXPECT_TRUE(plan.restart.empty());
  EXPECT_EQ(std::set<std::string>(plan.hot.begin(), plan.hot.end()),
            (std::set<std::string>{"gateway.auth", "gateway.auth.rateLimit",
                                   "gateway.limits.maxPayloadBytes",
                                   "gateway.limits.handshakeTimeoutMs", "gateway.tickIntervalMs",
                                   "logging.level", "gateway.reload.mode", "commands.restart"}));
}

TEST(ReloadPlan, NodeCommandPolicyAppliesLive) {
  GatewaySettings next = base();
  next.nodeCommands.allowCommands = {"camera.snap"};
  next.nodeCommands.denyCommands = {"system.run"};
  const ReloadPlan plan = planReload(base(), next);
  EXPECT_TRUE(plan.restart.empty());
  EXPECT_EQ(plan.hot, (std::vector<std::string>{"gateway.nodes.allowCommands",
                                                "gateway.nodes.denyCommands"}));
}

TEST(ReloadPlan, BrowserOriginPolicyAppliesLive) {
  GatewaySettings next = base();
  next.controlUi.allowedOrigins = {"https://control.example.com"};
  next.controlUi.allowHostHeaderOriginFallback = true;
  const ReloadPlan plan = planReload(base(), next);
  EXPECT_TRUE(plan.restart.empty());
  EXPECT_EQ(plan.hot, (std::vector<std::string>{
                          "gateway.controlUi.allowedOrigins",
                          "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback"}));
}

TEST(ReloadPlan, ControlUiSwitchAppliesLiveWhereAndWhatNeedARestart) {
  GatewaySettings next = base();
  next.controlUi.enabled = false;
  EXPECT_EQ(planReload(base(), next).hot, (std::vector<std::string>{"gateway.controlUi.enabled"}));
  next.controlUi.basePath = "/ui";
  next.controlUi.roots = {"/srv/ui"};
  EXPECT_EQ(planReload(base(), next).restart,
            (std::vector<std::string>{"gateway.controlUi.basePath", "gateway.controlUi.root"}));
}

// EveryKeyHasAChangeInThisTest, so the next two tests always cover the whole table.
const std::map<std::string, std::function<void(GatewaySettings&)>>& changeOfEveryKey() {
  static const std::map<std::string, std::function<void(GatewaySettings&)>> changes = {
      {"gateway.port", [](auto& s) { s.port = 19000; }},
      {"gateway.bind", [](auto& s) { s.bindHosts = {"0.0.0.0"}; }},
      {"gateway.tailscale", [](auto& s) { s.tailscale.mode = TailscaleMode::Serve; }},
      {"gateway.auth.allowTailscale", [](auto& s) { s.tailscale.allowTailscale = true; }},
      {"gateway.tls", [](auto& s) { s.tls.enabled = true; }},
      {"logging.file", [](auto& s) { s.logFilePattern = "/var/log/openclaw.log"; }},
      {"agents.defaults.timeoutSeconds", [](auto& s) { s.runs.timeoutSeconds = 5; }},
      {"session.dmScope", [](auto& s) { s.runs.dmScope = "main"; }},
      {"gateway.limits.maxBufferedBytes", [](auto& s) { s.limits.maxBufferedBytes = 4096; }},
      {"gateway.auth",
       [](auto& s) {
         s.auth = {AuthMode::Password, "hunter2"};
       }},
      {"gateway.auth.rateLimit", [](auto& s) { s.rateLimit.lockoutMs = 1; }},
      {"gateway.trustedProxies",
       [](auto& s) { s.proxy.trustedProxies = {*core::parseIpRange("10.0.0.1")}; }},
      {"gateway.allowRealIpFallback", [](auto& s) { s.proxy.allowRealIpFallback = true; }},
      {"gateway.auth.trustedProxy",
       [](auto& s) {
         s.proxy.trustedProxyAuth = TrustedProxyAuthSettings{"x-user", {}, {}, true};
       }},
      {"gateway.auth.identityScopes",
       [](auto& s) {
         s.proxy.identityScopes = {{"a@b.c", {"operator.read"}}};
       }},
      {"gateway.controlUi.allowedOrigins",
       [](auto& s) { s.controlUi.allowedOrigins = {"https://control.example.com"}; }},
      {"gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback",
       [](auto& s) { s.controlUi.allowHostHeaderOriginFallback = true; }},
      {"gateway.controlUi.enabled", [](auto& s) { s.controlUi.enabled = false; }},
      {"gateway.controlUi.basePath", [](auto& s) { s.controlUi.basePath = "/openclaw"; }},
      {"gateway.controlUi.root", [](auto& s) { s.controlUi.roots = {"/srv/ui"}; }},
      {"gateway.limits.maxPayloadBytes", [](auto& s) { s.limits.maxPayloadBytes = 1024; }},
      {"gateway.limits.handshakeTimeoutMs", [](auto& s) { s.limits.handshakeTimeoutMs = 500; }},
      {"gateway.tickIntervalMs", [](auto& s) { s.limits.tickIntervalMs = 1000; }},
      {"gateway.reload.mode", [](auto& s) { s.reloadMode = "hot"; }},
      {"logging.level", [](auto& s) { s.logLevel = "debug"; }},
      {"commands.restart", [](auto& s) { s.restartAllowed = false; }},
      {"agents.defaults.model",
       [](auto& s) {
         s.models.primary.emplace();
         s.models.primary->ref = "openai/gpt-5";
       }},
      {"models.providers",
       [](auto& s) {
         s.models.primary.emplace();
         s.models.primary->provider.baseUrl = "http://127.0.0.1:9/v1";
       }},
      {"agents.entries", [](auto& s) { s.agents.list.emplace_back().id = "work"; }},
      {"agents.defaults.heartbeat",
       [](auto& s) { s.heartbeat.defaults.emplace().every = std::chrono::minutes(5); }},
      {"gateway.nodes.allowCommands",
       [](auto& s) { s.nodeCommands.allowCommands = {"camera.snap"}; }},
      {"gateway.nodes.denyCommands", [](auto& s) { s.nodeCommands.denyCommands = {"system.run"}; }},
      {"gateway.tools", [](auto& s) { s.httpTools.allow = {"exec"}; }},
      {"channels",
       [](auto& s) {
         s.channels = {{"irc", {{"enabled", true}}}};
       }},
      {"tools", [](auto& s) { s.tools.deny = {"exec"}; }},
      {"gateway.http.endpoints", [](auto& s) { s.httpEndpoints.chatCompletions = true; }},
      {"hooks.path", [](auto& s) { s.hooks.path = "/webhooks"; }},
      {"hooks", [](auto& s) { s.hooks.mappings.push_back({}); }},
      {"plugins.entries.diagnostics-prometheus", [](auto& s) { s.metrics.enabled = true; }},
      {"diagnostics.enabled", [](auto& s) { s.metrics.diagnostics = false; }},
      {"cron", [](auto& s) { s.cron.enabled = false; }},
  };
  return changes;
}

TEST(ReloadPlan, EveryKeyHasAChangeInThisTest) {
  std::set<std::string> tableKeys;
  for (const ReloadRule& rule : reloadRules()) tableKeys.insert(rule.key);
  std::set<std::string> changedKeys;
  for (const auto& [key, change] : changeOfEveryKey()) changedKeys.insert(key);
  EXPECT_EQ(changedKeys, tableKeys);
}

TEST(ReloadPlan, EveryLiveKeyIsAppliedAndEveryRestartKeyKeepsItsRunningValue) {
  for (const ReloadRule& rule : reloadRules()) {
    SCOPED_TRACE(rule.key);
    const auto change = changeOfEveryKey().find(rule.key);
    ASSERT_NE(change, changeOfEveryKey().end());
    GatewaySettings next = base();
    change->second(next);
    const ReloadPlan before = planReload(base(), next);
    const auto& planned = rule.effect == ReloadEffect::Hot ? before.hot : before.restart;
    EXPECT_EQ(planned, std::vector<std::string>{rule.key});

    GatewaySettings running = base();
    applyHotSettings(running, next);
    const ReloadPlan after = planReload(running, next);
    if (rule.effect == ReloadEffect::Hot) {
      EXPECT_TRUE(after.empty()) << "still differs after the hot apply";
    } else {
      EXPECT_EQ(after.restart, std::vector<std::string>{rule.key}) << "applied live";
      EXPECT_TRUE(planReload(base(), running).empty()) << "running settings changed";
    }
  }
}

TEST(ReloadPlan, HotApplyOfEverythingLeavesOnlyTheRestartKeys) {
  GatewaySettings next = base();
  for (const auto& [key, change] : changeOfEveryKey()) change(next);
  GatewaySettings running = base();
  applyHotSettings(running, next);
  const ReloadPlan after = planReload(running, next);
  EXPECT_TRUE(after.hot.empty());
  std::vector<std::string> restartKeys;
  for (const ReloadRule& rule : reloadRules()) {
    if (rule.effect == ReloadEffect::Restart) restartKeys.push_back(rule.key);
  }
  EXPECT_EQ(after.restart, restartKeys);
}

TEST(ReloadPlan, EveryRuleHasADistinctKey) {
  std::set<std::string> keys;
  for (const ReloadRule& rule : reloadRules()) EXPECT_TRUE(keys.insert(rule.key).second);
  EXPECT_GE(keys.size(), 10u);
}

}  // namespace
}  // namespace openclaw::config
