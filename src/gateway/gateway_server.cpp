#include "gateway/gateway_server.h"

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>

#include "core/clock.h"
#include "core/logging.h"
#include "core/network.h"
#include "core/random_ids.h"
#include "core/state_lock.h"
#include "gateway/control_plane.h"
#include "gateway/probe_routes.h"
#include "gateway/transport.h"
#include "methods/system_methods.h"
#include "store/database.h"

namespace openclaw::gateway {
namespace {

// After a shutdown signal, connections get this long to finish their close handshakes.
constexpr auto kDrainTimeout = std::chrono::seconds(3);

std::string listenUrl(const std::string& host, int port) {
  return "ws://" + host + ":" + std::to_string(port);
}

}  // namespace

int runGateway(const config::GatewaySettings& settings) {
  auto log = core::logger("gateway");
  try {
    core::StateLock lock(settings.paths.stateDir);
    store::Database database(settings.paths.databasePath);

    boost::asio::io_context io(1);
    GatewayInfo info;
    info.version = OPENCLAW_VERSION;
    info.host = core::hostName();
    info.platform = core::platformName();
    info.ip = core::primaryIPv4Address();
    info.startedAtMs = core::nowMs();
    info.startedAtMonotonicMs = core::monotonicMs();
    info.instanceId = core::uuidV4();

    // Installed before listening, so a signal that arrives once clients can connect is always
    // a graceful shutdown.
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    boost::asio::steady_timer drainDeadline(io);
    ControlPlane plane(io, settings, info);
    methods::registerSystemMethods(plane.registry(), plane);
    HttpRouter router;
    addProbeRoutes(router, [&plane] { return plane.shuttingDown(); });
    Transport transport(io, plane, router, settings.limits);
    try {
      transport.listen(settings.bindHosts, settings.port);
    } catch (const AddressInUse& error) {
      log->error(
          "{}: another gateway or program is listening there. Stop it, run "
          "'openclaw gateway --force' to end the listener, or choose another port with "
          "--port",
          error.what());
      return 1;
    }
    plane.start(transport.port());

    for (const std::string& host : settings.bindHosts) {
      log->info("listening on {} (PID {})", listenUrl(host, transport.port()), ::getpid());
    }
    log->info("auth mode: {}; state dir: {}; config: {}", config::authModeName(settings.auth.mode),
              settings.paths.stateDir.string(), settings.paths.configPath.string());
    log->info("log file: {}", core::currentLogFile(settings.logFilePattern).string());

    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      const std::string name = signal == SIGINT ? "SIGINT" : "SIGTERM";
      log->info("received {}; shutting down", name);
      transport.stopAccepting();
      plane.setOnDrained([&io] { io.stop(); });
      plane.shutdown("gateway stopping (" + name + ")", std::nullopt);
      drainDeadline.expires_after(kDrainTimeout);
      drainDeadline.async_wait([&](const boost::system::error_code& timerError) {
        if (timerError) return;
        log->warn("{} connection(s) still open after {} s; exiting anyway", plane.connectionCount(),
                  kDrainTimeout.count());
        io.stop();
      });
    });
    io.run();
    log->info("gateway stopped");
    return 0;
  } catch (const std::exception& error) {
    log->error("gateway failed: {}", error.what());
    return 1;
  }
}

}  // namespace openclaw::gateway
