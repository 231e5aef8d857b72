#pragma once

#include "core/awaitable.h"
// (first: Boost 1.74 awaitable.hpp needs <utility>)
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <string>
#include <vector>

#include "config/gateway_settings.h"
#include "daemon/config_watcher.h"
#include "server/transport.h"

namespace openclaw::daemon {

// gateway.tls for one serving life of the gateway: prepares and loads the certificate, puts the
// transport into TLS mode, and reloads the certificate when its files change (new handshakes get
// the new one, live connections keep theirs; a broken replacement is logged and the old one
// kept). Event-loop thread only, after the constructor.
class GatewayTls {
 public:
  // Generates a self-signed pair when allowed and needed, loads the files and calls
  // transport.useTls. Blocking file I/O: call before the event loop runs. Throws
  // server::TlsSetupError naming the file at fault.
  GatewayTls(boost::asio::io_context& io, boost::asio::thread_pool& blocking,
             const config::GatewaySettings& settings, server::Transport& transport);
  ~GatewayTls();
  GatewayTls(const GatewayTls&) = delete;
  GatewayTls& operator=(const GatewayTls&) = delete;

  // The SHA-256 fingerprint of the certificate new handshakes get (64 lower-case hex digits).
  const std::string& fingerprint() const { return fingerprint_; }

  // Starts watching certPath, keyPath and caPath. While settings.reloadMode is "off" changes are
  // only noted; reloadModeChanged() catches up once it is on again.
  void watch();
  void reloadModeChanged();

 private:
  void fileChanged();
  boost::asio::awaitable<void> reload();

  boost::asio::io_context& io_;
  boost::asio::thread_pool& blocking_;
  const config::GatewaySettings& settings_;  // the running settings (reloadMode changes live)
  server::Transport& transport_;
  std::string fingerprint_;
  std::vector<std::unique_ptr<ConfigWatcher>> watchers_;
  bool reloading_ = false;
  bool changedAgain_ = false;  // a change arrived while a reload ran: run another after it
  bool missedWhilePaused_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace openclaw::daemon
