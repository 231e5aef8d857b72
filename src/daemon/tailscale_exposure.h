#pragma once

#include "core/awaitable.h"
// (first: the Asio headers below include awaitable.hpp too)
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/tailscale_settings.h"

namespace openclaw::daemon {

// gateway.tailscale.mode serve/funnel: publishes the gateway's loopback port through the local
// Tailscale daemon and, with resetOnExit, removes the route again (docs/tailscale.md).
class TailscaleExposure {
 public:
  struct Timing {
    // How long start() waits for a daemon that is still booting (BackendState NoState or
    // Starting, or not reachable yet), and how often it asks; upstream's 90 s and 2 s.
    std::chrono::milliseconds bootWait{90'000};
    std::chrono::milliseconds poll{2'000};
  };

  TailscaleExposure(boost::asio::io_context& io, boost::asio::thread_pool& blocking,
                    config::TailscaleSettings settings, Timing timing);

  // Checks `tailscale status --json` (BackendState must be Running), then runs
  // `tailscale <mode> --bg --yes http://127.0.0.1:<port>`. Throws std::runtime_error with a
  // message naming the fix when Tailscale is missing, not running or refuses. The CLI runs on
  // the worker pool; waits are timers.
  boost::asio::awaitable<void> start(int port);

  // The route's URL, https://<Self.DNSName>/, once start() succeeded.
  const std::optional<std::string>& url() const { return url_; }

  // With resetOnExit, when start() got as far as publishing: removes the root route
  // (`tailscale <mode> --yes --https=443 --set-path=/ off`). Blocking (a few seconds at most):
  // called once the event loop has ended.
  void tearDown();

 private:
  boost::asio::awaitable<std::string> readyHost();

  boost::asio::io_context& io_;
  boost::asio::thread_pool& blocking_;
  config::TailscaleSettings settings_;
  Timing timing_;
  std::optional<std::string> url_;
  bool published_ = false;  // the publish command was started (it may have taken effect)
};

// The arguments that publish `port` in `mode` and that remove the route again.
std::vector<std::string> tailscalePublishArgs(config::TailscaleMode mode, int port);
std::vector<std::string> tailscaleResetArgs(config::TailscaleMode mode);

}  // namespace openclaw::daemon
