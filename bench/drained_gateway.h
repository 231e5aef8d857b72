// Our gateway (the real binary, via GatewayProcess) with its output read by a background thread.
// The gateway logs a line per connection on stdout, a pipe that GatewayProcess reads only when
// asked; thousands of connections would fill it and stall the gateway on a write.
#pragma once

#include <atomic>
#include <csignal>
#include <thread>

#include "gateway_process.h"

namespace openclaw::bench {

class DrainedGateway {
 public:
  // Starts the gateway (token auth with GatewayProcess::kToken, a free port, `configPatch`
  // merged into the default config).
  explicit DrainedGateway(nlohmann::json configPatch = nlohmann::json::object())
      : process_(std::move(configPatch)) {
    process_.start();
    drain_ = std::thread([this] {
      // A needle that never appears: each call just reads for up to 100 ms.
      while (!stopping_.load()) process_.waitForOutput("\x01", std::chrono::milliseconds(100));
    });
  }
  // Stops draining, then the gateway (SIGTERM; closing thousands of sockets takes a while).
  ~DrainedGateway() {
    stopping_.store(true);
    drain_.join();
    process_.stop(SIGTERM, std::chrono::seconds(60));
  }
  DrainedGateway(const DrainedGateway&) = delete;
  DrainedGateway& operator=(const DrainedGateway&) = delete;

  // Only what does not touch the output: the drain thread owns it while this object lives.
  int port() const { return process_.port(); }
  pid_t pid() const { return process_.pid(); }
  client::GatewayClient connect() const { return process_.connect(); }
  client::ConnectOptions clientOptions() const { return process_.clientOptions(); }

 private:
  e2e::GatewayProcess process_;
  std::atomic<bool> stopping_{false};
  std::thread drain_;
};

}  // namespace openclaw::bench
