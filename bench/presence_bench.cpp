// Presence with many clients (bench/README.md, "Presence at scale"): a gateway and N idle
// operator connections, each its own client instance (its own instanceId), joined by the async
// load client with 64 handshakes in flight. First in client mode "cli", which gets no presence
// rows, then on a fresh gateway in mode "ui", where every join changes the presence list (at most
// 200 rows) and the gateway broadcasts it to every connection. Prints one markdown row per mode.
//
// usage: openclaw_presence_bench [--connections N]
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

#include "bench_util.h"
#include "drained_gateway.h"
#include "load_pool.h"
#include "report.h"

namespace {

using namespace openclaw::bench;

constexpr std::size_t kJoinConcurrency = 64;
constexpr auto kJoinDeadline = std::chrono::minutes(5);
constexpr auto kQuietDeadline = std::chrono::minutes(2);

std::size_t parseConnections(int argc, char** argv) {
  std::size_t connections = 10000;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag != "--connections" || i + 1 >= argc) {
      throw std::invalid_argument("usage: openclaw_presence_bench [--connections N]");
    }
    connections = std::stoul(argv[++i]);
  }
  return connections;
}

void measure(Table& table, const std::string& mode, std::size_t connections) {
  DrainedGateway gateway;
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const double idleKiB = vmRssKiB(gateway.pid());
  LoadPool pool(gateway.port(), openclaw::e2e::GatewayProcess::kToken, mode);
  const auto start = Clock::now();
  const ConnectResult joined = pool.connect(connections, kJoinConcurrency, kJoinDeadline);
  pool.waitQuiet(std::chrono::milliseconds(500), kQuietDeadline);
  const double joinSeconds = millisSince(start) / 1000.0;
  const std::size_t held = pool.open();
  const double rssKiB = vmRssKiB(gateway.pid());
  const double peakKiB = procStatusKiB(gateway.pid(), "VmHWM");
  const double perConnection =
      (rssKiB - idleKiB) / static_cast<double>(std::max<std::size_t>(held, 1));
  std::string detail = "-";
  if (joined.failed > 0) {
    detail = format("%zu failed, first: %s", joined.failed, joined.firstError.c_str());
  } else if (held < connections) {
    detail = "join deadline (5 min) reached";
  }
  table.add({mode, std::to_string(connections), std::to_string(held), format("%.1f s", joinSeconds),
             format("%.2f MiB", idleKiB / 1024), format("%.2f MiB", rssKiB / 1024),
             format("%.2f MiB", peakKiB / 1024), format("%.1f KiB", perConnection),
             format("%zu bytes", pool.largestFrame()), std::to_string(pool.largestPresenceRows()),
             detail});
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::size_t connections = parseConnections(argc, argv);
    const rlim_t files = raiseFileLimit();
    std::printf(
        "openclaw presence benchmark: %s\n%zu connections per mode, open-files limit %llu\n",
        openclaw::e2e::binaryPath().c_str(), connections, static_cast<unsigned long long>(files));
    Table table("Idle connections, each its own client instance",
                {"client mode", "asked", "held", "join time", "idle VmRSS", "VmRSS held",
                 "peak VmRSS (VmHWM)", "per connection", "largest frame received",
                 "most presence rows", "detail"});
    for (const char* mode : {"cli", "ui"}) measure(table, mode, connections);
    table.print();
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "openclaw_presence_bench: %s\n", error.what());
    return 1;
  }
}
