#include "config/reload_plan.h"

#include <functional>
#include <tuple>

namespace openclaw::config {
namespace {

using Same = std::function<bool(const GatewaySettings&, const GatewaySettings&)>;

// Keeps each key's comparison next to its rule, so the table stays the one place to look.
struct Entry {
  ReloadRule rule;
  Same same;
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      {{"gateway.port", ReloadEffect::Restart},
       [](const auto& a, const auto& b) { return a.port == b.port; }},
      {{"gateway.bind", ReloadEffect::Restart},
       [](const auto& a, const auto& b) {
         return a.bindMode == b.bindMode && a.bindHosts == b.bindHosts;
       }},
      {{"logging.file", ReloadEffect::Restart},
       [](const auto& a, const auto& b) { return a.logFilePattern == b.logFilePattern; }},
      {{"agents.defaults.timeoutSeconds", ReloadEffect::Restart},
       [](const auto& a, const auto& b) { return a.runs.timeoutSeconds == b.runs.timeoutSeconds; }},
      {{"session.dmScope", ReloadEffect::Restart},
       [](const auto& a, const auto& b) { return a.runs.dmScope == b.runs.dmScope; }},
      {{"gateway.limits.maxBufferedBytes", ReloadEffect::Restart},
       [](const auto& a, const auto& b) {
         return a.limits.maxBufferedBytes == b.limits.maxBufferedBytes;
       }},
      {{"gateway.auth", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.auth.mode == b.auth.mode && a.auth.secret == b.auth.secret;
       }},
      {{"gateway.auth.rateLimit", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         const auto& x = a.rateLimit;
         const auto& y = b.rateLimit;
         return std::tie(x.maxAttempts, x.windowMs, x.lockoutMs, x.exemptLoopback) ==
                std::tie(y.maxAttempts, y.windowMs, y.lockoutMs, y.exemptLoopback);
       }},
      // The transport and the control plane read the running policy (gateway_server.cpp).
      {{"gateway.controlUi.allowedOrigins", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.controlUi.allowedOrigins == b.controlUi.allowedOrigins;
       }},
      {{"gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.controlUi.allowHostHeaderOriginFallback ==
                b.controlUi.allowHostHeaderOriginFallback;
       }},
      {{"gateway.limits.maxPayloadBytes", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.limits.maxPayloadBytes == b.limits.maxPayloadBytes;
       }},
      {{"gateway.limits.handshakeTimeoutMs", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.limits.handshakeTimeoutMs == b.limits.handshakeTimeoutMs;
       }},
      {{"gateway.tickIntervalMs", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.limits.tickIntervalMs == b.limits.tickIntervalMs;
       }},
      {{"gateway.reload.mode", ReloadEffect::Hot},
       [](const auto& a, const auto& b) { return a.reloadMode == b.reloadMode; }},
      {{"logging.level", ReloadEffect::Hot},
       [](const auto& a, const auto& b) { return a.logLevel == b.logLevel; }},
      {{"commands.restart", ReloadEffect::Hot},
       [](const auto& a, const auto& b) { return a.restartAllowed == b.restartAllowed; }},
      // Agent runs build their model provider from the running settings at each call.
      {{"agents.defaults.model", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         const auto& x = a.models.primary;
         const auto& y = b.models.primary;
         return (x ? x->ref : "") == (y ? y->ref : "");
       }},
      {{"models.providers", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         const auto& x = a.models.primary;
         const auto& y = b.models.primary;
         return (x ? x->provider : ProviderSettings{}) == (y ? y->provider : ProviderSettings{});
       }},
      // node.invoke reads the running policy at each call.
      {{"gateway.nodes.allowCommands", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.nodeCommands.allowCommands == b.nodeCommands.allowCommands;
       }},
      {{"gateway.nodes.denyCommands", ReloadEffect::Hot},
       [](const auto& a, const auto& b) {
         return a.nodeCommands.denyCommands == b.nodeCommands.denyCommands;
       }},
      // The channel manager restarts only the channels whose block changed.
      {{"channels", ReloadEffect::Hot},
       [](const auto& a, const auto& b) { return a.channels == b.channels; }},
      {{"tools", ReloadEffect::Restart},
       [](const auto& a, const auto& b) { return a.tools == b.tools; }},
  };
  return table;
}

}  // namespace

const std::vector<ReloadRule>& reloadRules() {
  static const std::vector<ReloadRule> rules = [] {
    std::vector<ReloadRule> list;
    for (const Entry& entry : entries()) list.push_back(entry.rule);
    return list;
  }();
  return rules;
}

ReloadPlan planReload(const GatewaySettings& before, const GatewaySettings& after) {
  ReloadPlan plan;
  for (const Entry& entry : entries()) {
    if (entry.same(before, after)) continue;
    (entry.rule.effect == ReloadEffect::Hot ? plan.hot : plan.restart).push_back(entry.rule.key);
  }
  return plan;
}

}  // namespace openclaw::config
