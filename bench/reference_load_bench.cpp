// The reference gateway under the clients the targets are about: handshakes one at a time and
// memory with idle connections, driven by the same async load client as ours. The reference is
// started once here (it takes seconds); its start-up numbers are in the start-up section.
#include <algorithm>
#include <thread>

#include "load_pool.h"
#include "reference_gateway.h"
#include "report.h"
#include "sections.h"

namespace openclaw::bench {
namespace {

// The reference's presence broadcast makes each join cost more than ours; 1,000 connections is
// enough for a per-connection figure and ends within minutes.
constexpr std::size_t kReferenceConnections = 1000;
constexpr std::size_t kJoinConcurrency = 64;
constexpr auto kReadyDeadline = std::chrono::seconds(60);
constexpr auto kJoinDeadline = std::chrono::minutes(3);

}  // namespace

ReferenceLoadResult runReferenceLoad(const Options& options) {
  ReferenceLoadResult result;
  if (!options.referenceDir) return result;
  Table table("Reference gateway under the same clients (Node, npm openclaw)",
              {"metric", "concurrent clients", "p50", "p99", "throughput", "detail"});
  try {
    ReferenceGateway reference(*options.referenceDir);
    reference.waitReady(kReadyDeadline);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const double idleKiB = reference.rssKiB();
    LoadPool pool(reference.port(), ReferenceGateway::kToken);
    result.handshakeP99Ms = addHandshakeRow(table, pool, kSequentialHandshakes, 1);

    // The handshake row's connections stay open and count towards the idle ones.
    result.asked = std::max(pool.open(), std::min(kReferenceConnections, options.maxConnections));
    const auto start = Clock::now();
    pool.connect(result.asked - pool.open(), kJoinConcurrency, kJoinDeadline);
    pool.waitQuiet(std::chrono::milliseconds(500), std::chrono::minutes(2));
    result.held = pool.open();
    const double rssKiB = reference.rssKiB();
    result.perConnectionKiB =
        (rssKiB - idleKiB) / static_cast<double>(std::max<std::size_t>(result.held, 1));
    table.add({"idle connections held (VmRSS of its process group)", "-", "-", "-", "-",
               format("%zu of %zu asked in %.1f s; %.1f MiB idle, %.1f MiB with them: %.1f KiB "
                      "each",
                      result.held, result.asked, millisSince(start) / 1000.0, idleKiB / 1024,
                      rssKiB / 1024, result.perConnectionKiB)});
  } catch (const std::exception& error) {
    table.add({"**reference FAILED**", "-", "-", "-", "-", error.what()});
  }
  table.print();
  return result;
}

}  // namespace openclaw::bench
