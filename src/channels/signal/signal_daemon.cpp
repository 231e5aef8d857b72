#include "channels/signal/signal_daemon.h"

#include <atomic>
#include <boost/asio/post.hpp>
#include <thread>

#include "channels/signal/signal_config.h"

namespace openclaw::channels::signal {

struct SignalDaemon::State {
  std::atomic<bool> cancelled{false};
  std::thread thread;
  bool finished = false;  // the thread posted its result (event-loop thread)
  std::function<void(core::ProcessResult)> exited;
  std::function<void()> stopped;  // set by stop(): called instead of `exited`

  // Normally the posted result joined the thread; when the event loop dropped it unrun
  // (shutdown), the thread may hold the last reference and must not join itself.
  ~State() {
    if (thread.joinable()) thread.detach();
  }
};

std::vector<std::string> daemonArgv(const SignalConfig& config) {
  std::vector<std::string> argv = {config.cliPath};
  if (!config.configPath.empty()) argv.insert(argv.end(), {"--config", config.configPath});
  argv.insert(argv.end(),
              {"-a", config.account, "daemon", "--http",
               config.httpHost + ":" + std::to_string(config.httpPort), "--no-receive-stdout"});
  if (!config.receiveMode.empty()) argv.insert(argv.end(), {"--receive-mode", config.receiveMode});
  if (config.ignoreAttachments) argv.emplace_back("--ignore-attachments");
  if (config.ignoreStories) argv.emplace_back("--ignore-stories");
  if (config.sendReadReceipts) argv.emplace_back("--send-read-receipts");
  return argv;
}

SignalDaemon::SignalDaemon(boost::asio::io_context& io) : io_(io) {}

SignalDaemon::~SignalDaemon() {
  if (!state_) return;
  state_->cancelled = true;
  state_->exited = nullptr;
  state_->stopped = nullptr;
  // Only reached without stop(): waits the child's kill grace at most.
  if (state_->thread.joinable()) state_->thread.join();
}

void SignalDaemon::start(core::ProcessSpec spec, std::function<void(core::ProcessResult)> exited) {
  auto state = std::make_shared<State>();
  state->exited = std::move(exited);
  spec.cancelled = &state->cancelled;
  state->thread = std::thread([state, spec = std::move(spec), &io = io_]() mutable {
    core::ProcessResult result = core::runProcess(spec);
    boost::asio::post(io, [state, result = std::move(result)]() mutable {
      if (state->thread.joinable()) state->thread.join();
      state->finished = true;
      if (state->stopped) {
        auto stopped = std::move(state->stopped);
        stopped();
      } else if (state->exited) {
        auto onExit = std::move(state->exited);
        onExit(std::move(result));
      }
    });
  });
  state_ = std::move(state);
}

void SignalDaemon::stop(std::function<void()> done) {
  if (!state_ || state_->finished) {
    state_.reset();
    done();
    return;
  }
  state_->cancelled = true;
  state_->exited = nullptr;
  state_->stopped = std::move(done);
  state_.reset();  // the posted result keeps the state until the thread is joined
}

bool SignalDaemon::running() const { return state_ && !state_->finished; }

}  // namespace openclaw::channels::signal
