#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "canvas/capability_store.h"
#include "canvas/live_reload.h"
#include "canvas/root_watcher.h"
#include "config/canvas_host_settings.h"
#include "config/gateway_settings.h"
#include "httpapi/http_gate.h"
#include "rpc/http_router.h"
#include "server/transport.h"

namespace openclaw::canvas {

// What the canvas host borrows from the gateway; everything must outlive it.
struct CanvasHostContext {
  boost::asio::io_context& io;
  boost::asio::thread_pool& pool;          // file reads
  const config::GatewaySettings& gateway;  // bind hosts, limits, origin policy
  const httpapi::HttpGate& gate;           // the HTTP APIs' credential check
  // Content-Type by file name (the gateway's static-file table).
  std::function<std::string(std::string_view file)> contentTypeFor;
};

// The canvas host: serves canvasHost.root under /__openclaw__/canvas/ on its own port (bound to
// the gateway's hosts) and, through addRoutes/upgradeRouter, on the gateway port; capability
// URLs (/__openclaw__/cap/<token>/...) stand in for the gateway credential; pages get a
// live-reload script and socket; /__openclaw__/a2ui/ is the built-in A2UI page.
// Requests: GET/HEAD only; without a capability they need what the HTTP APIs need (401
// otherwise); a path leaving the root is 404 (403 through a symlink). Event-loop thread.
class CanvasHost {
 public:
  static constexpr std::uintmax_t kMaxFileBytes = 32 * 1024 * 1024;

  CanvasHost(CanvasHostContext context, config::CanvasHostSettings settings, int port);
  ~CanvasHost();
  CanvasHost(const CanvasHost&) = delete;
  CanvasHost& operator=(const CanvasHost&) = delete;

  // Creates the root when missing, binds the canvas port, starts watching the root (with
  // liveReload). Throws std::runtime_error naming the port and the setting to change when the
  // port is taken.
  void start();
  // Stops listening, closes the live-reload sockets and the watcher.
  void stop();
  int port() const;

  // Serves the canvas, capability and A2UI paths on `router` (the gateway port's).
  void addRoutes(rpc::HttpRouter& router);
  // Takes the live-reload socket's upgrades on the gateway port; `refuseOthers` answers every
  // other upgrade 404 (the canvas port has no control plane).
  server::UpgradeRouter upgradeRouter(bool refuseOthers);

  // A capability URL for node `nodeId` that reached the gateway with Host header `hostHeader`:
  // http://<host>:<canvas port>/__openclaw__/cap/<token><canvasPath>, scoped to the directory
  // of `canvasPath` (a path under /__openclaw__/canvas/).
  struct Minted {
    std::string url;
    std::int64_t expiresAtMs = 0;
  };
  Minted mintUrl(std::string_view hostHeader, std::string_view canvasPath,
                 const std::string& nodeId);

  const CapabilityStore& capabilities() const { return capabilities_; }

 private:
  void serve(const rpc::HttpRequest& request, const rpc::HttpRouter::Respond& respond);
  void serveFile(const std::string& relative, std::string socketPath,
                 const rpc::HttpRouter::Respond& respond);

  CanvasHostContext context_;
  config::CanvasHostSettings settings_;
  int configuredPort_;
  CapabilityStore capabilities_;
  LiveReloadHub hub_;  // before the transport: its connections report to the hub
  rpc::HttpRouter router_;
  std::unique_ptr<server::Transport> transport_;
  std::unique_ptr<RootWatcher> watcher_;
};

}  // namespace openclaw::canvas
