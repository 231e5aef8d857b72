#include "daemon/gateway_server.h"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <cstdio>

#include "canvas/canvas_host.h"
#include "canvas/canvas_surface.h"
#include "config/private_state.h"
#include "config/reload_plan.h"
#include "core/clock.h"
#include "core/files.h"
#include "core/logging.h"
#include "core/network.h"
#include "core/random_ids.h"
#include "core/state_lock.h"
#include "daemon/browser_control_http.h"
#include "daemon/config_watcher.h"
#include "daemon/control_ui_http.h"
#include "daemon/control_ui_routes.h"
#include "daemon/gateway_schema.h"
#include "daemon/gateway_services.h"
#include "daemon/gateway_tls.h"
#include "daemon/probe_routes.h"
#include "daemon/tailscale_exposure.h"
#include "rpc/storage_await.h"
#include "server/transport.h"
#include "store/database.h"

namespace openclaw::daemon {
namespace {

// After a shutdown signal, connections get this long to finish their close handshakes.
constexpr auto kDrainTimeout = std::chrono::seconds(3);
// What the `shutdown` event promises clients before an in-process restart.
constexpr std::int64_t kRestartExpectedMs = 1500;

std::string listenUrl(const std::string& host, int port, bool tls) {
  return (tls ? "wss://" : "ws://") + host + ":" + std::to_string(port);
}

std::string joined(const std::vector<std::string>& keys) {
  std::string text;
  for (const std::string& key : keys) text += (text.empty() ? "" : ", ") + key;
  return text;
}

// One listening life of the gateway: from binding the port to a stop or a restart request.
class ServingInstance {
 public:
  ServingInstance(config::GatewaySettings& settings, const SettingsResolver& resolve,
                  const server::GatewayInfo& info, store::Database& database)
      : settings_(settings),
        resolve_(resolve),
        signals_(io_, SIGINT, SIGTERM, SIGUSR1),
        drainDeadline_(io_),
        services_(
            io_, storage_, blocking_, database, settings_, info,
            {resolve, [this](config::GatewaySettings next,
                             bool explicitApply) { applyChange(std::move(next), explicitApply); }}),
        plane_(services_.plane()),
        canvas_(makeCanvasHost()),
        transport_(io_, plane_, services_.router(), settings_.limits, settings_.controlUi,
                   &services_.metrics().outboundQueueBytes()) {
    addProbeRoutes(services_.router(), [this] { return plane_.shuttingDown(); });
    addControlUiRoutes(
        services_.router(), settings_, io_, blocking_,
        [this](const std::string& bearer) { return services_.pairing().isOperatorToken(bearer); });
    if (canvas_) {
      canvas_->addRoutes(services_.router());
      transport_.routeUpgrades(canvas_->upgradeRouter(false));
      canvasSurface_ = std::make_unique<canvas::CanvasSurface>(*canvas_, plane_, services_.nodes(),
                                                               plane_.registry());
    }
  }

  // Serves until stopped. Returns the settings to restart with, or nullopt to exit.
  // Throws server::AddressInUse and other start-up errors.
  std::optional<config::GatewaySettings> run() {
    if (settings_.tls.enabled) {
      tls_ = std::make_unique<GatewayTls>(io_, blocking_, settings_, transport_);
    }
    transport_.listen(settings_.bindHosts, settings_.port);
    if (canvas_) canvas_->start();
    plane_.start(transport_.port());
    if (services_.browserEnabled()) {
      browserHttp_ = std::make_unique<BrowserControlHttp>(
          io_, settings_, services_.httpGate(), services_.browser(),
          config::derivePorts(transport_.port(), settings_.canvasHostPort).browserControl);
    }
    // Before the "listening" lines: once they are out, a config edit is never missed.
    watchConfig();
    services_.channels().start(settings_.channels);
    for (const std::string& host : settings_.bindHosts) {
      log_->info("listening on {} (PID {})", listenUrl(host, transport_.port(), tls_ != nullptr),
                 ::getpid());
    }
    if (tls_) {
      log_->info("TLS certificate fingerprint (sha256): {}", tls_->fingerprint());
      tls_->watch();
    }
    log_->info("auth mode: {}; state dir: {}; config: {}",
               config::authModeName(settings_.auth.mode), settings_.paths.stateDir.string(),
               settings_.paths.configPath.string());
    log_->info("log file: {}", core::currentLogFile(settings_.logFilePattern).string());
    if (settings_.tailscale.mode != config::TailscaleMode::Off) publishWithTailscale();
    waitForSignal();
    io_.run();
    blocking_.join();
    storage_.join();
    if (tailscale_) tailscale_->tearDown();
    if (tailscaleFailure_) throw std::runtime_error(*tailscaleFailure_);
    return std::move(restartWith_);
  }

 private:
  // canvasHost.*: read from the config file here (the running settings carry only its port);
  // null when disabled (canvasHost.enabled false, OPENCLAW_SKIP_CANVAS_HOST=1).
  std::unique_ptr<canvas::CanvasHost> makeCanvasHost() {
    const config::CanvasHostSettings canvas =
        config::resolveCanvasHostSettings(config::ConfigFile::load(settings_.paths.configPath),
                                          settings_.tools.workspace, config::processEnvironment());
    if (!canvas.enabled) return nullptr;
    // A gateway on a free port (0) puts its canvas on one too.
    const int port = settings_.port == 0 && !settings_.canvasHostPort
                         ? 0
                         : config::derivePorts(settings_.port, settings_.canvasHostPort).canvasHost;
    return std::make_unique<canvas::CanvasHost>(
        canvas::CanvasHostContext{
            io_, blocking_, settings_, services_.httpGate(),
            [](std::string_view file) { return controlui::contentTypeFor(file); }},
        canvas, port);
  }

  // gateway.tailscale.mode serve/funnel: publishes the port; as upstream, a gateway whose route
  // cannot be set up does not keep running (the error names the fix).
  void publishWithTailscale() {
    tailscale_ = std::make_unique<TailscaleExposure>(io_, blocking_, settings_.tailscale,
                                                     TailscaleExposure::Timing{});
    auto publish = [this]() -> boost::asio::awaitable<void> {
      const std::string mode = config::tailscaleModeName(settings_.tailscale.mode);
      try {
        co_await tailscale_->start(transport_.port());
      } catch (const std::exception& error) {
        tailscaleFailure_ = "tailscale " + mode + " failed: " + error.what();
      }
      if (!tailscaleFailure_) co_return;
      log_->error("{}", *tailscaleFailure_);
      restartWith_.reset();
      stop("gateway stopping (tailscale " + mode + " failed)", std::nullopt);
    };
    boost::asio::co_spawn(io_, publish, boost::asio::detached);
  }

  void waitForSignal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      if (signal != SIGUSR1) {
        const std::string name = signal == SIGINT ? "SIGINT" : "SIGTERM";
        log_->info("received {}; shutting down", name);
        restartWith_.reset();  // also when a restart is already under way
        stop("gateway stopping (" + name + ")", std::nullopt);
        return;
      }
      if (!settings_.restartAllowed) {
        log_->warn("SIGUSR1 ignored: commands.restart is false in {}",
                   settings_.paths.configPath.string());
        waitForSignal();
        return;
      }
      log_->info("received SIGUSR1; restarting in-process");
      boost::asio::co_spawn(io_, reloadThen([this](config::GatewaySettings next) {
                              restart(std::move(next), "SIGUSR1");
                            }),
                            boost::asio::detached);
      waitForSignal();
    });
  }

  void watchConfig() {
    services_.health().setConfigReloadStatus(reload_);
    if (settings_.reloadMode == "off") return;
    try {
      watcher_ = std::make_unique<ConfigWatcher>(io_, settings_.paths.configPath, [this] {
        if (settings_.reloadMode == "off") return;
        boost::asio::co_spawn(io_, reloadThen([this](config::GatewaySettings next) {
                                // A config write applied this exact file already.
                                if (next.configHash == settings_.configHash) return;
                                applyChange(std::move(next), false);
                              }),
                              boost::asio::detached);
      });
      reload_.watching = true;
    } catch (const std::exception& error) {
      log_->warn("config hot reload disabled: {}", error.what());
    }
    services_.health().setConfigReloadStatus(reload_);
  }

  // Re-resolves the settings on the worker pool (file I/O stays off the event loop), then hands
  // valid ones to `use` on the loop. An invalid config is rejected and the last good one kept.
  boost::asio::awaitable<void> reloadThen(std::function<void(config::GatewaySettings)> use) {
    std::optional<config::GatewaySettings> next;
    // Captured by reference: g++ 12 destroys a co_await operand's non-trivial captures twice.
    const std::filesystem::path path = settings_.paths.configPath;
    try {
      next = co_await rpc::onPool(
          storage_, [this, &path] { return resolve_(config::ConfigFile::load(path)); });
    } catch (const std::exception& failure) {
      log_->error("config reload rejected, keeping the running config: {}", failure.what());
      reload_.status = "rejected";
      reload_.lastError = failure.what();
      reload_.lastErrorAtMs = core::nowMs();
      services_.health().setConfigReloadStatus(reload_);
      co_return;
    }
    use(std::move(*next));
  }

  // Applies a changed config file as config::reloadAction says: `explicitApply` for config.apply.
  void applyChange(config::GatewaySettings next, bool explicitApply) {
    const config::ReloadPlan plan = config::planReload(settings_, next);
    switch (config::reloadAction(plan, next.reloadMode, explicitApply)) {
      case config::ReloadAction::Restart:
        restart(std::move(next),
                "config change: " + joined(plan.restart.empty() ? plan.hot : plan.restart));
        return;
      case config::ReloadAction::Hot:
        applyHot(next, plan);
        return;
      case config::ReloadAction::None:
        break;
    }
    if (!plan.empty()) return;  // gateway.reload.mode "off": a restart applies it
    settings_.configHash = next.configHash;
    reload_.lastError.clear();
    reload_.status = "unchanged";
    services_.health().setConfigReloadStatus(reload_);
  }

  void applyHot(const config::GatewaySettings& next, const config::ReloadPlan& plan) {
    config::applyHotSettings(settings_, next);
    if (plan.restart.empty()) settings_.configHash = next.configHash;
    services_.channels().reconfigure(settings_.channels);
    core::setFileLogLevel(settings_.logLevel);
    core::registerSecret(settings_.auth.secret);
    if (tls_) tls_->reloadModeChanged();
    plane_.settingsChanged();
    reload_.lastError.clear();
    services_.settingsApplied();
    reload_.status = "applied";
    reload_.lastAppliedAtMs = core::nowMs();
    reload_.pendingRestart = plan.restart;
    services_.health().setConfigReloadStatus(reload_);
    log_->info("config reloaded: applied {}", joined(plan.hot));
    if (!plan.restart.empty()) {
      log_->warn("config change needs a restart to apply (gateway.reload.mode is \"{}\"): {}",
                 next.reloadMode, joined(plan.restart));
    }
  }

  void restart(config::GatewaySettings next, const std::string& reason) {
    if (stopping_) {  // already stopping: a restart under way starts with the newest settings
      if (restartWith_) restartWith_ = std::move(next);
      return;
    }
    log_->info("restarting in-process: {}", reason);
    restartWith_ = std::move(next);
    stop("gateway restarting (" + reason + ")", kRestartExpectedMs);
  }

  void stop(const std::string& reason, std::optional<std::int64_t> restartExpectedMs) {
    if (stopping_) return;
    stopping_ = true;
    watcher_.reset();
    tls_.reset();
    transport_.stopAccepting();
    if (browserHttp_) browserHttp_->stopAccepting();
    if (canvas_) canvas_->stop();
    // The loop ends once the clients are gone and the channels' replies under way are sent.
    auto waiting = std::make_shared<int>(2);
    const auto oneDrained = [this, waiting] {
      if (--*waiting == 0) io_.stop();
    };
    services_.channels().stop(oneDrained);
    services_.cron().stop(reason);
    services_.runs().abortEverything(reason);
    plane_.setOnDrained(oneDrained);
    plane_.shutdown(reason, restartExpectedMs);
    drainDeadline_.expires_after(kDrainTimeout);
    drainDeadline_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      log_->warn("{} connection(s) still open after {} s; closing anyway", plane_.connectionCount(),
                 kDrainTimeout.count());
      io_.stop();
    });
  }

  std::shared_ptr<spdlog::logger> log_ = core::logger("gateway");
  config::GatewaySettings& settings_;
  const SettingsResolver& resolve_;
  boost::asio::io_context io_{1};
  boost::asio::thread_pool storage_{1};
  boost::asio::thread_pool blocking_{4};
  boost::asio::signal_set signals_;
  boost::asio::steady_timer drainDeadline_;
  methods::ConfigReloadStatus reload_;
  // Declared before the transport, whose teardown reports closed connections to the plane.
  daemon::GatewayServices services_;
  server::ControlPlane& plane_;
  // Before the transport, whose upgrade router and teardown reach them.
  std::unique_ptr<canvas::CanvasHost> canvas_;
  std::unique_ptr<canvas::CanvasSurface> canvasSurface_;
  server::Transport transport_;
  // The browser control routes on 127.0.0.1:<port + 2> (with browser.enabled).
  std::unique_ptr<BrowserControlHttp> browserHttp_;
  // Set while gateway.tls.enabled: its fingerprint() is the certificate new clients see.
  std::unique_ptr<GatewayTls> tls_;
  std::unique_ptr<ConfigWatcher> watcher_;
  std::unique_ptr<TailscaleExposure> tailscale_;  // with gateway.tailscale.mode serve/funnel
  std::optional<std::string> tailscaleFailure_;   // why the route could not be published
  std::optional<config::GatewaySettings> restartWith_;
  bool stopping_ = false;
};

// Opens the log sinks the settings name; false (with the reason on stderr) when it cannot.
bool startLogging(const config::GatewaySettings& settings) {
  try {
    core::initLogging({settings.logFilePattern, settings.logLevel, settings.verbose, true});
    return true;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "openclaw gateway: cannot open log file %s: %s\n",
                 settings.logFilePattern.c_str(), error.what());
    return false;
  }
}

// Transcripts, pairing records and keys stay the owner's even when the state dir was created
// open or an older version left files 0644.
void makeStatePrivate(const config::InstancePaths& paths) {
  const auto log = core::logger("gateway");
  for (const core::PermissionChange& change :
       core::tightenPermissions(config::privateStatePaths(paths))) {
    if (change.error.empty()) {
      log->warn("{} was open to group/others (mode {}); made it owner-only", change.path.string(),
                core::modeText(change.before));
    } else {
      log->warn("cannot make {} owner-only (mode {}): {}", change.path.string(),
                core::modeText(change.before), change.error);
    }
  }
}

// Lock, database, then serving instances until one ends without asking for a restart.
int serveUntilStopped(config::GatewaySettings settings, const SettingsResolver& resolve) {
  // Fetched at each use: a restart onto another log file replaces the loggers.
  const auto log = [] { return core::logger("gateway"); };
  try {
    core::StateLock lock(settings.paths.stateDir);
    makeStatePrivate(settings.paths);
    store::Database database(settings.paths.databasePath, gatewaySchema());
    server::GatewayInfo info;
    info.version = OPENCLAW_VERSION;
    info.host = core::hostName();
    info.platform = core::platformName();
    info.ip = core::primaryIPv4Address();
    info.startedAtMs = core::nowMs();
    info.startedAtMonotonicMs = core::monotonicMs();
    info.instanceId = core::uuidV4();
    while (true) {
      std::optional<config::GatewaySettings> next;
      try {
        next = ServingInstance(settings, resolve, info, database).run();
      } catch (const server::AddressInUse& error) {
        log()->error(
            "{}: another gateway or program is listening there. Stop it, run "
            "'openclaw gateway --force' to end the listener, or choose another port with "
            "--port",
            error.what());
        return 1;
      }
      if (!next) break;
      const bool newLogFile = next->logFilePattern != settings.logFilePattern;
      settings = std::move(*next);
      if (newLogFile && !startLogging(settings)) return 1;
    }
    log()->info("gateway stopped");
    return 0;
  } catch (const std::exception& error) {
    log()->error("gateway failed: {}", error.what());
    return 1;
  }
}

}  // namespace

int runGateway(config::GatewaySettings settings, const SettingsResolver& resolve) {
  if (!startLogging(settings)) return 1;
  const int code = serveUntilStopped(std::move(settings), resolve);
  core::shutdownLogging();
  return code;
}

}  // namespace openclaw::daemon
