#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include "browser/browser_request.h"
#include "config/browser_settings.h"

namespace openclaw::browser {

struct BrowserServiceOptions {
  config::BrowserSettings settings;
  std::filesystem::path stateDir;   // browser/<profile>/ and media/browser/ go here
  std::filesystem::path workspace;  // downloads go to <workspace>/downloads
  // The gateway's port, asked when a profile first needs a CDP port (the control port is this
  // + 2, the CDP range starts at control port + 9).
  std::function<int()> gatewayPort;
};

// The browser control service: the profiles' browsers and the control routes (docs/browser.md),
// run on a thread of its own so that starting, stopping and driving browsers never holds up the
// gateway's event loop. Requests run one at a time in arrival order; at most kMaxQueued wait.
// A profile's browser that served no request for browser.idleTimeoutSeconds is stopped.
// Destroying the service stops every browser it started (process group SIGTERM, then SIGKILL)
// before it returns.
class BrowserService {
 public:
  static constexpr std::size_t kMaxQueued = 32;
  using Done = std::function<void(BrowserResponse)>;

  explicit BrowserService(BrowserServiceOptions options);
  ~BrowserService();
  BrowserService(const BrowserService&) = delete;
  BrowserService& operator=(const BrowserService&) = delete;

  // Any thread. `done` gets the answer exactly once, on the service's thread.
  void handle(BrowserRequest request, Done done);
  // Any thread but the service's: waits for the answer (at most the request's timeout plus a
  // few seconds; then 504). Gives up at once (the request still runs) when `cancelled` is set.
  BrowserResponse handleAndWait(BrowserRequest request,
                                const std::atomic<bool>* cancelled = nullptr);

 private:
  struct State;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::unique_ptr<State> state_;
  std::thread thread_;
};

}  // namespace openclaw::browser
