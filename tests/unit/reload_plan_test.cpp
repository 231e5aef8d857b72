#include "config/reload_plan.h"

#include <gtest/gtest.h>

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

TEST(ReloadPlan, EveryRuleHasADistinctKey) {
  std::set<std::string> keys;
  for (const ReloadRule& rule : reloadRules()) EXPECT_TRUE(keys.insert(rule.key).second);
  EXPECT_GE(keys.size(), 10u);
}

}  // namespace
}  // namespace openclaw::config
