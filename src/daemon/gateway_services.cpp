#include "daemon/gateway_services.h"

#include "agent/tools/builtin_tools.h"
#include "approvals/agent_exec_approver.h"
#include "browser/browser_method.h"
#include "browser/browser_tool.h"
#include "channels/channel_registry.h"
#include "httpapi/hook_routes.h"
#include "httpapi/metrics_routes.h"
#include "httpapi/openai_routes.h"
#include "httpapi/responses_endpoint.h"
#include "httpapi/tools_invoke_routes.h"
#include "methods/absent_features_methods.h"
#include "methods/agent_lookup.h"
#include "methods/agent_methods.h"
#include "methods/approval_methods.h"
#include "methods/chat_methods.h"
#include "methods/config_methods.h"
#include "methods/cron_methods.h"
#include "methods/heartbeat_methods.h"
#include "methods/logs_methods.h"
#include "methods/node_methods.h"
#include "methods/pairing_methods.h"
#include "methods/sessions_methods.h"
#include "methods/system_methods.h"
#include "runs/run_environment.h"

namespace openclaw::daemon {
namespace {

// Where the exec tool's "allow-always" decisions are kept.
std::filesystem::path execAllowlistPath(const config::GatewaySettings& settings) {
  return settings.paths.stateDir / "exec-approvals.json";
}

methods::ConfigControl withResolver(methods::ConfigControl control,
                                    const config::GatewaySettings& settings) {
  if (!control.resolve) {
    control.resolve = [paths = settings.paths](const config::ConfigFile& file) {
      return config::resolveGatewaySettings(file, paths, {},
                                            [](const std::string&) { return std::nullopt; });
    };
  }
  return control;
}

// The browser.* block of the config file the gateway was started from.
config::BrowserSettings browserSettings(const config::GatewaySettings& settings) {
  if (settings.paths.configPath.empty()) return {};
  return config::resolveBrowserSettings(config::ConfigFile::load(settings.paths.configPath));
}

// The agent's browser tool, when browser control is on and tools.allow/deny let it through.
runs::RunEnvironment withBrowserTool(runs::RunEnvironment environment,
                                     browser::BrowserService& service, bool enabled,
                                     const config::GatewaySettings& settings) {
  if (enabled && agent::tools::toolAllowed(settings.tools, "browser")) {
    environment.tools.push_back(std::make_shared<browser::BrowserTool>(service));
  }
  return environment;
}

}  // namespace

GatewayServices::GatewayServices(boost::asio::io_context& io, boost::asio::thread_pool& storage,
                                 boost::asio::thread_pool& blocking, store::Database& database,
                                 const config::GatewaySettings& settings, server::GatewayInfo info,
                                 methods::ConfigControl config)
    : metrics_({info.version, info.instanceId, info.startedAtMs, info.startedAtMonotonicMs}),
      runtime_{io, storage, blocking, database, settings, plane_},
      pairing_(runtime_),
      nodes_(io, plane_),
      execApprovals_(io, plane_),
      health_(settings),
      tailscaleIdentity_(io, blocking, settings),
      plane_(io, settings, std::move(info), health_, metrics_),
      sessionStore_(database),
      execAllowlist_(approvals::ExecAllowlist::load(execAllowlistPath(settings))),
      browserSettings_(browserSettings(settings)),
      browser_({browserSettings_, settings.paths.stateDir, settings.tools.workspace,
                [this, &settings] { return plane_.port() > 0 ? plane_.port() : settings.port; }}),
      runs_(runtime_, sessionStore_,
            withBrowserTool(runs::runEnvironment(io, settings,
                                                 approvals::agentExecApprover(
                                                     runtime_, execApprovals_, execAllowlist_)),
                            browser_, browserSettings_.enabled, settings)),
      agentServices_{runtime_, sessionStore_, runs_, sessions::dmScopeNamed(settings.runs.dmScope)},
      channels_(runtime_, router_, runs_, agentServices_.dmScope, channels::builtinChannels(),
                [this] { plane_.healthChanged(); }),
      channelServices_{runtime_, channels_, [this] { return plane_.shuttingDown(); }},
      modelCatalog_(runtime_),
      heartbeat_(runtime_, runs_, channels_, sessionStore_,
                 [&settings] { return methods::defaultAgentId(settings.agents); }),
      jobRunner_(
          runtime_, runs_, sessionStore_, channels_, heartbeat_,
          [&settings] { return methods::defaultAgentId(settings.agents); },
          [&settings] {
            return automation::WebhookPolicy{settings.cron.webhookAllowPrivateNetwork,
                                             settings.cron.webhookAllowedHostnames,
                                             settings.cron.webhookToken};
          }),
      cron_(runtime_, jobRunner_),
      cronServices_{runtime_, cron_, plane_.info().instanceId},
      execApprovalsServices_{runtime_, execAllowlist_},
      processFacts_{plane_.info().version, plane_.info().startedAtMonotonicMs,
                    plane_.info().instanceId, plane_.info().ip.value_or("")},
      httpGate_(
          settings, plane_.authRateLimiter(), [this] { return plane_.shuttingDown(); },
          [this] { return plane_.port(); }) {
  rpc::MethodRegistry& registry = plane_.registry();
  methods::registerSystemMethods(registry, plane_, health_);
  methods::registerPairingMethods(registry, pairing_);
  plane_.setPairing(pairing_);
  plane_.setTailscaleIdentity(tailscaleIdentity_);
  plane_.addSessionListener(pairing_);
  methods::registerLogsMethods(registry, settings.logFilePattern);
  methods::registerNodeMethods(registry, nodes_, pairing_, settings.nodeCommands);
  plane_.addSessionListener(nodes_);
  plane_.addSessionListener(execApprovals_);
  methods::registerAgentMethods(registry, agentServices_);
  methods::registerChatMethods(registry, agentServices_);
  methods::registerSessionsMethods(registry, sessionEvents_);
  methods::registerSessionSubscriptionMethods(registry, sessionEvents_);
  plane_.addSessionListener(sessionEvents_);
  runs_.setObserver(&sessionEvents_);
  methods::registerApprovalMethods(registry, execApprovals_, nodes_, pairing_, settings);
  methods::registerChannelMethods(registry, channelServices_);
  methods::registerConfigMethods(registry, runtime_, withResolver(std::move(config), settings));
  methods::registerModelMethods(registry, modelCatalog_);
  methods::registerExecApprovalsMethods(registry, execApprovalsServices_);
  methods::registerHostMethods(registry, runtime_, processFacts_);
  methods::registerAbsentFeatureMethods(registry);
  methods::registerHeartbeatMethods(registry, heartbeat_, settings);
  heartbeat_.settingsChanged();
  methods::registerCronMethods(registry, cronServices_);
  browser::registerBrowserMethods(registry, browser_, io);
  cron_.start();
  health_.attachChannels(channels_);
  httpapi::addToolsInvokeRoutes(router_, httpGate_, runtime_, runs_.environment());
  httpapi::addOpenAiRoutes(router_, httpGate_, runtime_, runs_);
  httpapi::addResponsesRoutes(router_, httpGate_, runtime_, runs_);
  httpapi::addHookRoutes(router_, settings, runs_, channels_, heartbeat_,
                         [this] { return plane_.shuttingDown(); });
  runs_.setMetrics(&metrics_);
  channels_.setMetrics(&metrics_);
  httpapi::addMetricsRoutes(router_, httpGate_, settings, metrics_);
}

}  // namespace openclaw::daemon
