#include "config/reload_plan.h"

#include <functional>
#include <tuple>

namespace openclaw::config {
namespace {

using Same = std::function<bool(const GatewaySettings&, const GatewaySettings&)>;
using Apply = std::function<void(GatewaySettings& running, const GatewaySettings& next)>;

// One key of the table: how to tell that it changed and, for a key that applies live, how to copy
// it into the running settings. A key without `applyLive` needs a restart.
struct Entry {
  const char* key;
  Same same;
  Apply applyLive;
  ReloadEffect effect() const { return applyLive ? ReloadEffect::Hot : ReloadEffect::Restart; }
};

// `part` returns what a key covers (a member, or a std::tie of several) of const and mutable
// settings alike, so the comparison and the copy can never cover different fields.
template <typename Part>
Same samePart(Part part) {
  return [part](const GatewaySettings& a, const GatewaySettings& b) { return part(a) == part(b); };
}

template <typename Part>
Entry live(const char* key, Part part) {
  return {key, samePart(part), [part](GatewaySettings& running, const GatewaySettings& next) {
            part(running) = part(next);
          }};
}

template <typename Part>
Entry restartOnly(const char* key, Part part) {
  return {key, samePart(part), nullptr};
}

// Agent runs build their model provider from the running settings at each call; both model keys
// swap in the whole resolved model.
void copyModels(GatewaySettings& running, const GatewaySettings& next) {
  running.models = next.models;
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      restartOnly(
          "gateway.port", [](auto& s) -> auto& { return s.port; }),
      restartOnly("gateway.bind", [](auto& s) { return std::tie(s.bindMode, s.bindHosts); }),
      // The listener's TLS setup; the certificate files themselves are reloaded by the gateway.
      restartOnly(
          "gateway.tls", [](auto& s) -> auto& { return s.tls; }),
      restartOnly(
          "logging.file", [](auto& s) -> auto& { return s.logFilePattern; }),
      restartOnly(
          "agents.defaults.timeoutSeconds", [](auto& s) -> auto& { return s.runs.timeoutSeconds; }),
      restartOnly(
          "session.dmScope", [](auto& s) -> auto& { return s.runs.dmScope; }),
      restartOnly(
          "gateway.limits.maxBufferedBytes",
          [](auto& s) -> auto& { return s.limits.maxBufferedBytes; }),
      live(
          "gateway.auth", [](auto& s) -> auto& { return s.auth; }),
      live(
          "gateway.auth.rateLimit", [](auto& s) -> auto& { return s.rateLimit; }),
      // The connect path and the HTTP gate read the running proxy settings at each request.
      live("gateway.trustedProxies",
           [](auto& s) { return std::tie(s.proxy.trustedProxies, s.proxy.trustedProxyText); }),
      live(
          "gateway.allowRealIpFallback",
          [](auto& s) -> auto& { return s.proxy.allowRealIpFallback; }),
      live(
          "gateway.auth.trustedProxy", [](auto& s) -> auto& { return s.proxy.trustedProxyAuth; }),
      live(
          "gateway.auth.identityScopes", [](auto& s) -> auto& { return s.proxy.identityScopes; }),
      // The serve/funnel route is published at start-up; the identity check reads the running
      // allowTailscale at each connect.
      restartOnly("gateway.tailscale",
                  [](auto& s) { return std::tie(s.tailscale.mode, s.tailscale.resetOnExit); }),
      live(
          "gateway.auth.allowTailscale",
          [](auto& s) -> auto& { return s.tailscale.allowTailscale; }),
      // The transport and the control plane read the running policy (gateway_server.cpp).
      live(
          "gateway.controlUi.allowedOrigins",
          [](auto& s) -> auto& { return s.controlUi.allowedOrigins; }),
      live(
          "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback",
          [](auto& s) -> auto& { return s.controlUi.allowHostHeaderOriginFallback; }),
      // The Control UI route reads `enabled` from the running settings at each request; the
      // prefix it serves and its files are fixed when the routes are registered.
      live(
          "gateway.controlUi.enabled", [](auto& s) -> auto& { return s.controlUi.enabled; }),
      restartOnly(
          "gateway.controlUi.basePath", [](auto& s) -> auto& { return s.controlUi.basePath; }),
      restartOnly(
          "gateway.controlUi.root", [](auto& s) -> auto& { return s.controlUi.roots; }),
      // The HTTP API routes read `enabled` from the running settings at each request.
      live(
          "gateway.http.endpoints", [](auto& s) -> auto& { return s.httpEndpoints; }),
      live(
          "gateway.limits.maxPayloadBytes",
          [](auto& s) -> auto& { return s.limits.maxPayloadBytes; }),
      live(
          "gateway.limits.handshakeTimeoutMs",
          [](auto& s) -> auto& { return s.limits.handshakeTimeoutMs; }),
      live(
          "gateway.tickIntervalMs", [](auto& s) -> auto& { return s.limits.tickIntervalMs; }),
      live(
          "gateway.reload.mode", [](auto& s) -> auto& { return s.reloadMode; }),
      live(
          "logging.level", [](auto& s) -> auto& { return s.logLevel; }),
      live(
          "commands.restart", [](auto& s) -> auto& { return s.restartAllowed; }),
      {"agents.defaults.model",
       [](const auto& a, const auto& b) {
         const auto& x = a.models.primary;
         const auto& y = b.models.primary;
         return (x ? x->ref : "") == (y ? y->ref : "");
       },
       copyModels},
      {"models.providers",
       [](const auto& a, const auto& b) {
         const auto& x = a.models.primary;
         const auto& y = b.models.primary;
         return (x ? x->provider : ProviderSettings{}) == (y ? y->provider : ProviderSettings{});
       },
       copyModels},
      // agents.list, agent.identity.get and models.snapshot read the running agents (from
      // agents.entries, or the older agents.list).
      live(
          "agents.entries", [](auto& s) -> auto& { return s.agents; }),
      // The heartbeat runner re-reads them (and the agents' own blocks) after each reload.
      live(
          "agents.defaults.heartbeat", [](auto& s) -> auto& { return s.heartbeat; }),
      // node.invoke reads the running policy at each call.
      live(
          "gateway.nodes.allowCommands",
          [](auto& s) -> auto& { return s.nodeCommands.allowCommands; }),
      live(
          "gateway.nodes.denyCommands",
          [](auto& s) -> auto& { return s.nodeCommands.denyCommands; }),
      // POST /tools/invoke reads the running lists at each request.
      live(
          "gateway.tools", [](auto& s) -> auto& { return s.httpTools; }),
      // The channel manager restarts only the channels whose block changed.
      live(
          "channels", [](auto& s) -> auto& { return s.channels; }),
      restartOnly(
          "tools", [](auto& s) -> auto& { return s.tools; }),
      // The hook routes are registered under hooks.path once; everything else of hooks.* is read
      // from the running settings at each request (upstream reloads all of hooks.* live).
      restartOnly(
          "hooks.path", [](auto& s) -> auto& { return s.hooks.path; }),
      live("hooks",
           [](auto& s) {
             auto& h = s.hooks;
             return std::tie(h.enabled, h.token, h.allowedAgentIds, h.defaultSessionKey,
                             h.allowRequestSessionKey, h.allowedSessionKeyPrefixes, h.mappings);
           }),
      // The metrics endpoint reads them at each scrape.
      live(
          "plugins.entries.diagnostics-prometheus",
          [](auto& s) -> auto& { return s.metrics.enabled; }),
      live(
          "diagnostics.enabled", [](auto& s) -> auto& { return s.metrics.diagnostics; }),
      // The scheduler reads both when it arms its timer (cron.enabled) or starts (skipMissedJobs);
      // GatewayServices::settingsApplied re-arms it.
      live(
          "cron", [](auto& s) -> auto& { return s.cron; }),
  };
  return table;
}

}  // namespace

const std::vector<ReloadRule>& reloadRules() {
  static const std::vector<ReloadRule> rules = [] {
    std::vector<ReloadRule> list;
    for (const Entry& entry : entries()) list.push_back({entry.key, entry.effect()});
    return list;
  }();
  return rules;
}

ReloadPlan planReload(const GatewaySettings& before, const GatewaySettings& after) {
  ReloadPlan plan;
  for (const Entry& entry : entries()) {
    if (entry.same(before, after)) continue;
    (entry.effect() == ReloadEffect::Hot ? plan.hot : plan.restart).push_back(entry.key);
  }
  return plan;
}

ReloadAction reloadAction(const ReloadPlan& plan, const std::string& mode, bool explicitApply) {
  if (plan.empty()) return ReloadAction::None;
  if (explicitApply) {
    const bool hotWouldWait = mode == "off" || mode == "restart";
    return !plan.restart.empty() || hotWouldWait ? ReloadAction::Restart : ReloadAction::Hot;
  }
  if (mode == "off") return ReloadAction::None;
  if (mode == "restart") return ReloadAction::Restart;
  if (mode == "hybrid" && !plan.restart.empty()) return ReloadAction::Restart;
  return ReloadAction::Hot;
}

void applyHotSettings(GatewaySettings& running, const GatewaySettings& next) {
  for (const Entry& entry : entries()) {
    if (entry.applyLive) entry.applyLive(running, next);
  }
}

}  // namespace openclaw::config
