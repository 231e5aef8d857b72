#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/process_runner.h"

namespace openclaw::channels::signal {

struct SignalConfig;

// The arguments of `signal-cli daemon` for `config` (argv[0] is config.cliPath):
// [--config <dir>] -a <account> daemon --http <host:port> --no-receive-stdout
// [--receive-mode <mode>] [--ignore-attachments] [--ignore-stories] [--send-read-receipts].
std::vector<std::string> daemonArgv(const SignalConfig& config);

// A `signal-cli daemon` the gateway runs for one account (transport kind managed-native). The
// child runs in its own process group on a thread of its own (it lives as long as the account,
// so it must not hold a worker of the shared pools); stop() ends it (SIGTERM, SIGKILL after the
// grace period) without blocking the event loop.
class SignalDaemon {
 public:
  explicit SignalDaemon(boost::asio::io_context& io);
  ~SignalDaemon();  // ends a child still running and waits for its thread
  SignalDaemon(const SignalDaemon&) = delete;
  SignalDaemon& operator=(const SignalDaemon&) = delete;

  // Starts `spec` (spec.executable resolved by the caller). `exited` runs on the event loop
  // when the child ends by itself (not after stop()).
  void start(core::ProcessSpec spec, std::function<void(core::ProcessResult)> exited);
  // Ends the child; `done` runs on the event loop once its thread finished (at once when none
  // runs).
  void stop(std::function<void()> done);

  bool running() const;

 private:
  struct State;
  boost::asio::io_context& io_;
  std::shared_ptr<State> state_;
};

}  // namespace openclaw::channels::signal
