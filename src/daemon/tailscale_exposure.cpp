#include "daemon/tailscale_exposure.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>

#include "core/logging.h"
#include "core/text.h"
#include "net/tailscale_cli.h"
#include "rpc/storage_await.h"

namespace openclaw::daemon {
namespace {

constexpr auto kStatusTimeout = std::chrono::seconds(5);
constexpr auto kPublishTimeout = std::chrono::seconds(15);
constexpr auto kResetTimeout = std::chrono::seconds(4);

// A failure that means the daemon is still coming up (upstream waits for these).
bool daemonNotReachable(const net::TailscaleRun& run) {
  const std::string text = core::asciiLowercase(run.error);
  return run.timedOut || text.find("failed to connect to local tailscale") != std::string::npos ||
         text.find("connection refused") != std::string::npos ||
         text.find("503 service unavailable") != std::string::npos;
}

// What to add to a failed serve/funnel command's message.
std::string publishHint(config::TailscaleMode mode, const std::string& error) {
  const std::string text = core::asciiLowercase(error);
  if (text.find("permission denied") != std::string::npos ||
      text.find("access denied") != std::string::npos ||
      text.find("not permitted") != std::string::npos) {
    return "run `sudo tailscale set --operator=$USER` once so this user may configure Tailscale";
  }
  return mode == config::TailscaleMode::Funnel
             ? "Funnel needs MagicDNS, HTTPS certificates enabled for the tailnet and the funnel "
               "node attribute in the tailnet policy"
             : "Serve needs HTTPS certificates enabled for the tailnet (admin console, DNS page)";
}

std::shared_ptr<spdlog::logger> log() { return core::logger("tailscale"); }

}  // namespace

std::vector<std::string> tailscalePublishArgs(config::TailscaleMode mode, int port) {
  return {config::tailscaleModeName(mode), "--bg", "--yes",
          "http://127.0.0.1:" + std::to_string(port)};
}

std::vector<std::string> tailscaleResetArgs(config::TailscaleMode mode) {
  return {config::tailscaleModeName(mode), "--yes", "--https=443", "--set-path=/", "off"};
}

TailscaleExposure::TailscaleExposure(boost::asio::io_context& io,
                                     boost::asio::thread_pool& blocking,
                                     config::TailscaleSettings settings, Timing timing)
    : io_(io), blocking_(blocking), settings_(settings), timing_(timing) {}

boost::asio::awaitable<std::string> TailscaleExposure::readyHost() {
  const auto deadline = std::chrono::steady_clock::now() + timing_.bootWait;
  auto status = [] { return net::runTailscale({"status", "--json"}, kStatusTimeout); };
  std::string announced;
  boost::asio::steady_timer pause(io_);
  while (true) {
    const net::TailscaleRun run = co_await rpc::onPool(blocking_, status);
    std::string pending;
    if (!run.ok) {
      if (!daemonNotReachable(run) || run.notFound) throw std::runtime_error(run.error);
      pending = "daemon not reachable";
    } else {
      const auto parsed = net::parseTailscaleStatus(run.output);
      if (!parsed) {
        throw std::runtime_error("`tailscale status --json` did not answer with a JSON object");
      }
      if (parsed->backendState == "Running") {
        auto host = net::tailnetHost(*parsed);
        if (!host) throw std::runtime_error("Could not determine Tailscale DNS or IP");
        co_return *host;
      }
      if (parsed->backendState != "NoState" && parsed->backendState != "Starting") {
        throw std::runtime_error(
            "Tailscale is not running (BackendState " +
            (parsed->backendState.empty() ? std::string("missing") : parsed->backendState) +
            "): run `tailscale up` (and log in), then restart the gateway");
      }
      pending = "BackendState " + parsed->backendState;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error("the local Tailscale daemon did not become ready within " +
                               std::to_string(timing_.bootWait.count() / 1000) + " s (" + pending +
                               ")");
    }
    if (announced != pending) {
      log()->info("waiting for the local Tailscale daemon ({})", pending);
      announced = pending;
    }
    pause.expires_after(timing_.poll);
    co_await pause.async_wait(boost::asio::use_awaitable);
  }
}

boost::asio::awaitable<void> TailscaleExposure::start(int port) {
  const std::string mode = config::tailscaleModeName(settings_.mode);
  const std::string host = co_await readyHost();
  const std::vector<std::string> args = tailscalePublishArgs(settings_.mode, port);
  auto publish = [&args] { return net::runTailscale(args, kPublishTimeout); };
  published_ = true;
  const net::TailscaleRun run = co_await rpc::onPool(blocking_, publish);
  if (!run.ok) {
    throw std::runtime_error(run.error + "; " + publishHint(settings_.mode, run.error));
  }
  url_ = "https://" + host + "/";
  log()->info("{} enabled: {} (WS via wss://{}) -> http://127.0.0.1:{}{}", mode, *url_, host, port,
              settings_.resetOnExit ? "; removed again on exit" : "");
}

void TailscaleExposure::tearDown() {
  if (!settings_.resetOnExit || !published_) return;
  published_ = false;
  const net::TailscaleRun run =
      net::runTailscale(tailscaleResetArgs(settings_.mode), kResetTimeout);
  if (run.ok) {
    log()->info("{} route removed (resetOnExit)", config::tailscaleModeName(settings_.mode));
  } else {
    log()->warn("could not remove the {} route: {}", config::tailscaleModeName(settings_.mode),
                run.error);
  }
}

}  // namespace openclaw::daemon
