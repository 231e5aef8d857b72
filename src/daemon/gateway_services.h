#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "approvals/exec_allowlist.h"
#include "approvals/exec_approvals.h"
#include "automation/cron_service.h"
#include "automation/heartbeat_runner.h"
#include "automation/job_runner.h"
#include "browser/browser_service.h"
#include "channels/channel_manager.h"
#include "config/browser_settings.h"
#include "config/gateway_settings.h"
#include "httpapi/http_gate.h"
#include "methods/agent_services.h"
#include "methods/channel_methods.h"
#include "methods/config_methods.h"
#include "methods/cron_methods.h"
#include "methods/exec_approvals_methods.h"
#include "methods/health_report.h"
#include "methods/host_methods.h"
#include "methods/model_methods.h"
#include "methods/session_events.h"
#include "nodes/node_registry.h"
#include "pairing/pairing_registry.h"
#include "rpc/gateway_metrics.h"
#include "rpc/gateway_runtime.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"
#include "server/control_plane.h"
#include "server/tailscale_identity.h"
#include "sessions/session_store.h"
#include "store/database.h"

namespace openclaw::daemon {

// Everything a serving gateway runs besides its sockets, signals and config watcher: the control
// plane with every method family registered, and the services the families use. The gateway
// server puts a transport in front of it; in-process tests (tests/support/in_process_gateway.h)
// feed it fake connections. The loop, the pools, the database and the settings are the caller's
// and must outlive it; the pools must be joined before it is destroyed.
class GatewayServices {
 public:
  // `config` is how the config methods validate and apply writes; when its resolver is unset
  // they validate with the config file alone (no flags, no environment).
  GatewayServices(boost::asio::io_context& io, boost::asio::thread_pool& storage,
                  boost::asio::thread_pool& blocking, store::Database& database,
                  const config::GatewaySettings& settings, server::GatewayInfo info,
                  methods::ConfigControl config = {});
  GatewayServices(const GatewayServices&) = delete;
  GatewayServices& operator=(const GatewayServices&) = delete;

  server::ControlPlane& plane() { return plane_; }
  rpc::HttpRouter& router() { return router_; }
  channels::ChannelManager& channels() { return channels_; }
  runs::RunManager& runs() { return runs_; }
  methods::HealthReport& health() { return health_; }
  const pairing::PairingRegistry& pairing() const { return pairing_; }
  methods::SessionEvents& sessionEvents() { return sessionEvents_; }
  rpc::GatewayMetrics& metrics() { return metrics_; }
  rpc::GatewayRuntime& runtime() { return runtime_; }
  sessions::SessionStore& sessionStore() { return sessionStore_; }  // storage pool only
  automation::CronService& cron() { return cron_; }
  automation::Waker& waker() { return heartbeat_; }
  // The managed browsers (docs/browser.md) and the gate their loopback HTTP service admits with.
  browser::BrowserService& browser() { return browser_; }
  bool browserEnabled() const { return browserSettings_.enabled; }
  const httpapi::HttpGate& httpGate() const { return httpGate_; }
  // The canvas host (daemon/gateway_server.cpp) checks HTTP callers and rewrites node invokes.
  nodes::NodeRegistry& nodes() { return nodes_; }
  // After a config reload applied settings live: tells whoever reports them.
  void settingsApplied() {
    modelCatalog_.settingsApplied();
    heartbeat_.settingsChanged();
    cron_.settingsApplied();
  }

 private:
  rpc::HttpRouter router_;
  // What GET /metrics reports; the plane, runs and channels count into it.
  rpc::GatewayMetrics metrics_;
  // Declared before the plane: they are its session listeners, so they must outlive it.
  rpc::GatewayRuntime runtime_;
  pairing::PairingRegistry pairing_;
  nodes::NodeRegistry nodes_;
  approvals::ExecApprovals execApprovals_;
  methods::HealthReport health_;
  // gateway.auth.allowTailscale: the plane asks it about Serve-proxied connects.
  server::TailscaleIdentity tailscaleIdentity_;
  // Uses agentServices_ (declared below) only once the plane runs.
  methods::SessionEvents sessionEvents_{agentServices_};
  server::ControlPlane plane_;
  sessions::SessionStore sessionStore_;     // used on the storage pool only
  approvals::ExecAllowlist execAllowlist_;  // "allow-always" decisions; event loop only
  // browser.*, read from the config file at start-up (a change applies on the next start).
  config::BrowserSettings browserSettings_;
  // Before runs_: the agent's browser tool uses it. Destroying it stops every browser.
  browser::BrowserService browser_;
  runs::RunManager runs_;
  methods::AgentServices agentServices_;
  channels::ChannelManager channels_;
  methods::ChannelServices channelServices_;
  methods::ModelCatalog modelCatalog_;
  // The heartbeat timers and the one wake path (wake, /hooks/wake, cron system events).
  automation::HeartbeatRunner heartbeat_;
  // Cron jobs: the runner carries out a job's payload and delivery, the scheduler fires jobs.
  automation::JobRunner jobRunner_;
  automation::CronService cron_;
  methods::CronServices cronServices_;
  methods::ExecApprovalsServices execApprovalsServices_;
  methods::ProcessFacts processFacts_;
  // Admits callers of the HTTP APIs (registered on router_) with the plane's auth throttling.
  httpapi::HttpGate httpGate_;
};

}  // namespace openclaw::daemon
