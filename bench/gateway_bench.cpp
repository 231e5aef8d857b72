// Measures the openclaw gateway built alongside this program, and (when installed) the reference
// TypeScript gateway from npm, and prints markdown tables: start-up, memory per connection,
// handshake and RPC latency, the OpenAI-compatible HTTP API, presence fan-out, the reference
// under the same clients, and the project's targets. A benchmark, not a test: it asserts
// nothing. Machines here are shared and noisy, so it reports medians (and p99
// where tails matter) over repeated runs.
//
// usage: openclaw_bench [--runs N] [--max-connections N]
//                       [--reference-dir DIR | --reference-skipped REASON]
// scripts/bench.sh runs tests/interop/install.sh and passes one of the last two.
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "bench_util.h"
#include "gateway_process.h"
#include "report.h"
#include "sections.h"

namespace {

using namespace openclaw::bench;

Options parseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--runs") {
      options.runs = std::max(1, std::stoi(value));
    } else if (flag == "--max-connections") {
      options.maxConnections = std::stoul(value);
    } else if (flag == "--reference-dir") {
      options.referenceDir = value;
    } else if (flag == "--reference-skipped") {
      options.referenceSkipped = value;
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  return options;
}

std::string value(double number, const char* pattern) {
  return std::isnan(number) ? "not measured" : format(pattern, number);
}

std::string verdict(bool met) { return met ? "met" : "**not met**"; }

void printTargets(const Options& options, const StartupResult& startup, const ScaleResult& scale,
                  const LatencyResult& latency, const ReferenceLoadResult& reference) {
  Table table("Targets", {"target", "openclaw", "reference", "verdict"});
  table.add({"ready < 10 ms", value(startup.readyMs, "%.2f ms"),
             value(startup.referenceReadyMs, "%.0f ms"), verdict(startup.readyMs < 10)});
  table.add({"idle RSS < 6 MiB", value(startup.idleRssKiB / 1024, "%.2f MiB"),
             value(startup.referenceIdleRssKiB / 1024, "%.1f MiB"),
             verdict(startup.idleRssKiB < 6 * 1024)});
  const std::string referenceAt =
      reference.asked > 0 ? " (at " + std::to_string(reference.held) + ")" : "";
  table.add({"< 30 KiB per idle connection", value(scale.perConnectionKiB, "%.1f KiB"),
             value(reference.perConnectionKiB, "%.1f KiB") + referenceAt,
             verdict(scale.perConnectionKiB < 30)});
  table.add({"handshake p99 < 2 ms (1 client)", value(latency.handshakeP99Ms, "%.3f ms"),
             value(reference.handshakeP99Ms, "%.3f ms"), verdict(latency.handshakeP99Ms < 2)});
  table.add(
      {"10,000 connections held",
       std::to_string(scale.held) + " of " + std::to_string(options.maxConnections) + " asked",
       reference.asked > 0
           ? std::to_string(reference.held) + " of " + std::to_string(reference.asked) + " asked"
           : "not measured",
       verdict(scale.held >= 10000)});
  table.print();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parseOptions(argc, argv);
    const rlim_t files = raiseFileLimit();
    std::printf(
        "openclaw gateway benchmark: %s\nruns %d, max connections %zu, open-files limit "
        "%llu\n",
        openclaw::e2e::binaryPath().c_str(), options.runs, options.maxConnections,
        static_cast<unsigned long long>(files));
    const StartupResult startup = runStartup(options);
    const LatencyResult latency = runLatency(options);
    runHttpApis(options);
    runTls(options);
    runCronScale(options);
    const ScaleResult scale = runScale(options);
    const ReferenceLoadResult reference = runReferenceLoad(options);
    printTargets(options, startup, scale, latency, reference);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "openclaw_bench: %s\n", error.what());
    return 1;
  }
}
