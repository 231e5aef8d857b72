#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/gateway_settings.h"
#include "core/metrics.h"
#include "rpc/connection.h"
#include "rpc/http_router.h"

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace openclaw::server {

// Receives what happens on WebSocket connections; implemented by the control plane.
class ConnectionObserver {
 public:
  virtual ~ConnectionObserver() = default;
  virtual void onOpen(const std::shared_ptr<rpc::Connection>& connection) = 0;
  virtual void onMessage(const std::shared_ptr<rpc::Connection>& connection, std::string text) = 0;
  virtual void onClosed(const std::shared_ptr<rpc::Connection>& connection) = 0;
};

// The port is taken by another process.
class AddressInUse : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where a WebSocket upgrade goes when it is not for the control plane (the canvas host's live
// reload socket): to `observer`, or answered with `refusal` and closed.
struct UpgradeRoute {
  ConnectionObserver* observer = nullptr;
  std::optional<rpc::HttpResponse> refusal;
};
// Looks at an upgrade request first; nullopt hands it to the control plane as usual (origin
// policy included: a route that takes an upgrade makes its own checks).
using UpgradeRouter = std::function<std::optional<UpgradeRoute>(const rpc::HttpRequest& upgrade)>;

// Listens on the gateway port. With TLS on (useTls), every connection must start with a TLS
// handshake (see server/transport_entry.h for what happens otherwise) and then runs as below
// inside it, so the port serves https:// and wss://. Each connection sends one HTTP request first:
// an upgrade becomes a WebSocket control-plane connection, anything else goes to the router
// (keep-alive, one request at a time). No permessage-deflate. An upgrade whose Origin header
// `originPolicy` refuses (server/origin_policy.h) is answered 403 before any handshake;
// `originPolicy` is read at each upgrade, so a hot reload applies to the next one. The bytes
// queued for WebSocket clients are kept in `queuedBytes` (when given; it must outlive the
// transport).
class Transport {
 public:
  Transport(boost::asio::io_context& io, ConnectionObserver& observer,
            const rpc::HttpRouter& router, const config::GatewayLimits& limits,
            const config::ControlUiSettings& originPolicy, core::Gauge* queuedBytes = nullptr);
  ~Transport();

  // Serves TLS from now on, with `context` for every new handshake; called again, swaps in a
  // reloaded certificate without touching live connections (they keep the context they began
  // with). Call before listen() to serve TLS from the start.
  void useTls(std::shared_ptr<boost::asio::ssl::context> context);
  bool tls() const;

  // Binds every host on `port` (0 picks a free port; extra hosts reuse the first one's port).
  // Throws AddressInUse or std::runtime_error.
  void listen(const std::vector<std::string>& hosts, int port);

  // The port actually bound.
  int port() const;

  // Consults `router` for every later WebSocket upgrade (see UpgradeRouter).
  void routeUpgrades(UpgradeRouter router);

  // Stops accepting new connections; open ones are untouched.
  void stopAccepting();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openclaw::server
