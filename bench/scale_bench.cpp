#include <algorithm>
#include <thread>

#include "drained_gateway.h"
#include "load_pool.h"
#include "report.h"
#include "sections.h"

namespace openclaw::bench {
namespace {

constexpr std::size_t kJoinConcurrency = 64;
// Each step must end by itself, even on a machine too busy to join 10,000 clients in time.
constexpr auto kStepDeadline = std::chrono::minutes(3);
constexpr auto kQuietDeadline = std::chrono::minutes(2);
constexpr auto kFanoutDeadline = std::chrono::seconds(30);

struct FanoutSamples {
  std::vector<double> millis;  // system-event sent to the last client's presence event
  std::size_t minReached = 0;  // fewest clients reached in a round
};

// One round per run: an admin client reports a system-event; the gateway broadcasts the changed
// presence list to everyone, and the round ends when every pool connection has received it.
FanoutSamples measureFanout(LoadPool& pool, client::GatewayClient& admin, int rounds) {
  FanoutSamples samples;
  samples.minReached = pool.open();
  for (int round = 0; round < rounds; ++round) {
    pool.waitQuiet(std::chrono::milliseconds(100), std::chrono::seconds(10));
    const std::size_t target = pool.open();
    pool.armPresence();
    const auto start = Clock::now();
    admin.call("system-event", {{"text", "bench fan-out " + std::to_string(round)}});
    const auto giveUp = start + kFanoutDeadline;
    while (pool.presenceReached() < target && Clock::now() < giveUp) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const std::size_t reached = pool.presenceReached();
    samples.minReached = std::min(samples.minReached, reached);
    if (reached > 0) samples.millis.push_back(millisBetween(start, pool.lastPresenceArrival()));
  }
  return samples;
}

}  // namespace

ScaleResult runScale(const Options& options) {
  std::vector<std::size_t> steps;
  for (const std::size_t step : {std::size_t{10}, std::size_t{1000}, options.maxConnections}) {
    if (step <= options.maxConnections && (steps.empty() || step > steps.back())) {
      steps.push_back(step);
    }
  }
  const int rounds = std::max(5, options.runs);

  DrainedGateway gateway;
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const double idleKiB = vmRssKiB(gateway.pid());
  LoadPool pool(gateway.port(), e2e::GatewayProcess::kToken);

  Table memory(
      "Memory with idle authenticated connections",
      {"connections asked", "connections held", "VmRSS", "per connection", "join time", "detail"});
  memory.add({"0", "0", format("%.2f MiB", idleKiB / 1024), "-", "-", "idle, 1 s after start"});
  Table fanout("Presence fan-out (one system-event until the last client has the presence event)",
               {"clients", "reached (worst round)", "p50", "p99", "rounds"});

  ScaleResult result;
  for (const std::size_t step : steps) {
    const auto start = Clock::now();
    const ConnectResult joined =
        pool.connect(step - std::min(step, pool.open()), kJoinConcurrency, kStepDeadline);
    pool.waitQuiet(std::chrono::milliseconds(500), kQuietDeadline);
    const double joinSeconds = millisSince(start) / 1000.0;
    const std::size_t held = pool.open();
    const double rssKiB = vmRssKiB(gateway.pid());
    const double perConnection =
        (rssKiB - idleKiB) / static_cast<double>(std::max<std::size_t>(held, 1));
    std::string detail = "-";
    if (joined.failed > 0) {
      detail = format("%zu failed, first: %s", joined.failed, joined.firstError.c_str());
    } else if (held < step) {
      detail = "join deadline (3 min) reached";
    }
    memory.add({std::to_string(step), std::to_string(held), format("%.2f MiB", rssKiB / 1024),
                format("%.1f KiB", perConnection), format("%.1f s", joinSeconds), detail});
    result.held = held;
    result.perConnectionKiB = perConnection;

    // A fresh admin per step: one left idle and unread through a join storm would be dropped
    // as a slow reader. Full scopes: system-event needs operator.admin.
    auto admin = gateway.connect();
    const FanoutSamples samples = measureFanout(pool, admin, rounds);
    admin.close();
    fanout.add({std::to_string(held), std::to_string(samples.minReached),
                format("%.2f ms", percentile(samples.millis, 0.5)),
                format("%.2f ms", percentile(samples.millis, 0.99)), std::to_string(rounds)});
  }
  memory.print();
  fanout.print();
  return result;
}

}  // namespace openclaw::bench
