#include <csignal>
#include <cstdio>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "gateway_process.h"
#include "reference_gateway.h"
#include "report.h"
#include "sections.h"

namespace openclaw::bench {
namespace {

// Both gateways get the same time to settle after start-up before their RSS is read.
constexpr auto kSettle = std::chrono::seconds(1);
// The reference takes about 10 s per start: a few runs are enough for a median.
constexpr int kReferenceRuns = 3;

std::string ratio(double reference, double ours) {
  if (std::isnan(reference) || std::isnan(ours) || ours <= 0) return "-";
  return format("%.0fx", reference / ours);
}

std::string cell(double value, const char* pattern) {
  return std::isnan(value) ? "-" : format(pattern, value);
}

}  // namespace

StartupResult runStartup(const Options& options) {
  StartupResult result;
  std::vector<double> ready, listening, restartReady, rss;
  // Records process start to the listen line in `listening`; returns process start to hello-ok.
  const auto timedStart = [&listening](e2e::GatewayProcess& gateway) {
    const auto start = Clock::now();
    gateway.start();  // returns at the listen line; the clock runs on to hello-ok
    listening.push_back(millisSince(start));
    gateway.connect().close();
    return millisSince(start);
  };
  for (int run = 0; run < options.runs; ++run) {
    e2e::GatewayProcess gateway;  // a fresh home: the state directory and database are created
    ready.push_back(timedStart(gateway));
    std::this_thread::sleep_for(kSettle);
    rss.push_back(vmRssKiB(gateway.pid()));
    gateway.stop(SIGTERM);
    restartReady.push_back(timedStart(gateway));
    gateway.stop(SIGTERM);
  }
  result.readyMs = median(ready);
  result.listeningMs = median(listening);
  result.restartReadyMs = median(restartReady);
  result.idleRssKiB = median(rss);

  std::string referenceNote = "reference skipped: " + options.referenceSkipped;
  if (options.referenceDir) {
    std::vector<double> referenceReady, referenceRss;
    try {
      for (int run = 0; run < std::min(kReferenceRuns, options.runs); ++run) {
        ReferenceGateway reference(*options.referenceDir);
        referenceReady.push_back(reference.waitReady(std::chrono::seconds(60)));
        std::this_thread::sleep_for(kSettle);
        referenceRss.push_back(reference.rssKiB());
      }
      result.referenceReadyMs = median(referenceReady);
      result.referenceIdleRssKiB = median(referenceRss);
      referenceNote = "reference: median of " + std::to_string(referenceReady.size());
    } catch (const std::exception& error) {
      referenceNote = std::string("reference FAILED: ") + error.what();
    }
  }

  Table table("Start-up and idle memory",
              {"metric", "openclaw (native)", "reference (Node, npm openclaw)", "ratio"});
  table.add({"ready: process start to first hello-ok", cell(result.readyMs, "%.2f ms"),
             cell(result.referenceReadyMs, "%.0f ms"),
             ratio(result.referenceReadyMs, result.readyMs)});
  table.add({"of which: process start to the listen line (fresh and again)",
             cell(result.listeningMs, "%.2f ms"), "-", "-"});
  table.add({"ready again on the state directory of the first start",
             cell(result.restartReadyMs, "%.2f ms"), "-", "-"});
  table.add({"idle RSS (VmRSS, 1 s after ready, no client)",
             cell(result.idleRssKiB / 1024, "%.2f MiB"),
             cell(result.referenceIdleRssKiB / 1024, "%.1f MiB"),
             ratio(result.referenceIdleRssKiB, result.idleRssKiB)});
  if (!options.referenceDir || std::isnan(result.referenceReadyMs)) {
    table.add({"**" + referenceNote.substr(0, referenceNote.find('\n')) + "**", "", "", ""});
  }
  table.print();
  std::printf("\nours: median of %d runs; %s\n", options.runs, referenceNote.c_str());
  return result;
}

}  // namespace openclaw::bench
