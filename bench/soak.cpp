// A soak run: one gateway for minutes under a rotating mix of everything the load and fault tests
// do once (connection churn with RPCs, bad-token bursts, oversized frames, malformed JSON, silent
// sockets shed at the handshake deadline, a slow reader dropped at maxBufferedBytes), sampling the
// gateway's memory as it goes. Not a test and not in CI: it prints a table of VmRSS over time,
// the growth from the end of the warm-up to the end, and every outcome that was not the
// documented one.
//
// usage: openclaw_soak [--minutes N] [--sample-seconds S]
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

#include "bench_util.h"
#include "drained_gateway.h"
#include "load_pool.h"
#include "presence_flood.h"
#include "report.h"

namespace {

using namespace openclaw::bench;
using namespace std::chrono_literals;
using nlohmann::json;
using openclaw::client::GatewayClient;

struct SoakOptions {
  double minutes = 5;
  int sampleSeconds = 10;
};

SoakOptions parseOptions(int argc, char** argv) {
  SoakOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--minutes") {
      options.minutes = std::stod(value);
    } else if (flag == "--sample-seconds") {
      options.sampleSeconds = std::max(1, std::stoi(value));
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  return options;
}

// Small limits so that every fault path is reached quickly.
json soakConfig() {
  return {{"gateway",
           {{"limits",
             {{"handshakeTimeoutMs", 1000},
              {"maxPayloadBytes", 256 * 1024},
              {"maxBufferedBytes", 512 * 1024}}}}}};
}

// Outcomes per kind of traffic: as documented, or not (with the first surprise kept).
class Tally {
 public:
  void record(const std::string& kind, bool expected, const std::string& what = "") {
    Count& count = counts_[kind];
    ++(expected ? count.expected : count.unexpected);
    if (!expected && count.firstSurprise.empty()) count.firstSurprise = what;
  }
  void print() const {
    Table table("Outcomes", {"traffic", "as documented", "not as documented", "first surprise"});
    for (const auto& [kind, count] : counts_) {
      table.add({kind, std::to_string(count.expected), std::to_string(count.unexpected),
                 count.firstSurprise.empty() ? "-" : count.firstSurprise});
    }
    table.print();
  }

 private:
  struct Count {
    std::size_t expected = 0, unexpected = 0;
    std::string firstSurprise;
  };
  std::map<std::string, Count> counts_;
};

// 100 clients join, 16 of them make 50 `health` calls each, then all drop without a close
// handshake.
void churn(const DrainedGateway& gateway, Tally& tally) {
  LoadPool pool(gateway.port(), openclaw::e2e::GatewayProcess::kToken);
  const ConnectResult joined = pool.connect(100, 16, 20s);
  tally.record("join", joined.failed == 0, joined.firstError);
  const RpcResult calls = pool.rpc("health", 16, 50);
  tally.record("health calls", calls.failed == 0, std::to_string(calls.failed) + " failed");
}

// Calls `attempt` on a fresh client and records whether it ended with `expectedCode` as the
// close code.
template <typename Attempt>
void expectClose(const DrainedGateway& gateway, Tally& tally, const std::string& kind,
                 std::uint16_t expectedCode, Attempt attempt) {
  try {
    GatewayClient client(gateway.clientOptions());
    attempt(client);
    const auto closed = client.waitClosed(10s);
    tally.record(kind, closed.code == expectedCode,
                 "close " + std::to_string(closed.code) + " " + closed.reason);
  } catch (const std::exception& error) {
    tally.record(kind, false, error.what());
  }
}

void faults(const DrainedGateway& gateway, Tally& tally) {
  for (int i = 0; i < 10; ++i) {
    auto options = gateway.clientOptions();
    options.token = "wrong-token";
    GatewayClient client(options);
    try {
      client.connect();
      tally.record("bad token", false, "accepted");
    } catch (const openclaw::client::RequestRejected& error) {
      tally.record("bad token", error.error().details.value("code", "") == "AUTH_TOKEN_MISMATCH",
                   error.what());
    } catch (const std::exception& error) {
      tally.record("bad token", false, error.what());
    }
  }
  for (int i = 0; i < 5; ++i) {
    expectClose(gateway, tally, "oversized frame", 1009, [](GatewayClient& client) {
      client.open();
      client.sendText(std::string(200 * 1024, 'x'));  // over the 64 KiB pre-auth limit
    });
    expectClose(gateway, tally, "malformed JSON", 1008, [](GatewayClient& client) {
      client.open();
      client.sendText("{nope");
    });
  }
  expectClose(gateway, tally, "silent socket", 1008, [](GatewayClient& client) { client.open(); });
}

// A client that stops reading while presence floods it must be dropped (1006: no close frame fits
// its full socket); a bystander keeps being served.
void slowReader(const DrainedGateway& gateway, Tally& tally, std::size_t round) {
  auto slowOptions = gateway.clientOptions();
  slowOptions.client.mode = "ui";  // a mode with a presence row
  slowOptions.client.instanceId = "soak-slow-reader-" + std::to_string(round);
  GatewayClient slow(slowOptions);
  slow.setReceiveBufferSize(4096);
  slow.connect();
  GatewayClient fast = gateway.connect();
  const auto flood =
      openclaw::e2e::floodPresenceUntilGone(fast, *slowOptions.client.instanceId, 30s);
  if (!flood.gone) {
    tally.record("slow reader", false,
                 "still connected after " + std::to_string(flood.events) + " events in 30 s");
  } else {
    try {
      const auto closed = slow.waitClosed(15s);
      tally.record("slow reader", closed.code == 1006, "close " + std::to_string(closed.code));
    } catch (const std::exception& error) {
      tally.record("slow reader", false, error.what());
    }
  }
  tally.record("bystander", fast.call("health").at("ok") == true, "health not ok");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const SoakOptions options = parseOptions(argc, argv);
    DrainedGateway gateway(soakConfig());
    std::printf("openclaw soak: %.1f minutes, a sample every %d s, gateway PID %d\n",
                options.minutes, options.sampleSeconds, static_cast<int>(gateway.pid()));
    Tally tally;
    Table samples("Memory over time", {"elapsed", "rounds", "VmRSS"});
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(options.minutes * 60));
    const auto warmUp = start + (end - start) / 5;
    auto nextSample = start;
    double afterWarmUpKiB = -1;
    double lastKiB = -1;
    std::size_t rounds = 0;
    while (Clock::now() < end) {
      churn(gateway, tally);
      faults(gateway, tally);
      if (rounds % 5 == 0) slowReader(gateway, tally, rounds);
      ++rounds;
      if (Clock::now() < nextSample) continue;
      nextSample += std::chrono::seconds(options.sampleSeconds);
      lastKiB = vmRssKiB(gateway.pid());
      if (afterWarmUpKiB < 0 && Clock::now() >= warmUp) afterWarmUpKiB = lastKiB;
      samples.add({format("%.0f s", millisSince(start) / 1000), std::to_string(rounds),
                   format("%.2f MiB", lastKiB / 1024)});
    }
    samples.print();
    tally.print();
    std::printf(
        "\nVmRSS after the warm-up (first fifth): %.2f MiB; at the end: %.2f MiB; growth "
        "%+.2f MiB over %zu rounds\n",
        afterWarmUpKiB / 1024, lastKiB / 1024, (lastKiB - afterWarmUpKiB) / 1024, rounds);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "openclaw_soak: %s\n", error.what());
    return 1;
  }
}
