// The benchmark's sections. Each prints its table(s) and returns the numbers the targets table
// needs; NaN (or 0 for counts) means not measured.
#pragma once

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace openclaw::bench {

struct Options {
  int runs = 10;
  std::size_t maxConnections = 10000;
  // Set: compare against the reference installed there. Unset: see referenceSkipped.
  std::optional<std::filesystem::path> referenceDir;
  std::string referenceSkipped = "not requested";  // why there is no reference run
};

struct StartupResult {
  double readyMs = NAN, idleRssKiB = NAN;
  double listeningMs = NAN;  // process start to the listen line, over all starts
  // The same, started again on the state directory the first start created (the database
  // exists and is migrated): what a restart costs, without the first start's file creation.
  double restartReadyMs = NAN;
  double referenceReadyMs = NAN, referenceIdleRssKiB = NAN;
};

struct ScaleResult {
  std::size_t held = 0;           // connections open at the largest step
  double perConnectionKiB = NAN;  // at the largest step
};

struct LatencyResult {
  double handshakeP99Ms = NAN;  // one client at a time
};

// The reference under the clients the targets are about (measured only with a reference).
struct ReferenceLoadResult {
  double handshakeP99Ms = NAN;    // one client at a time
  std::size_t asked = 0;          // idle connections asked for
  std::size_t held = 0;           // of those, open at the end
  double perConnectionKiB = NAN;  // at `held`
};

// Handshakes timed one at a time for the p99 target, here and for the reference.
constexpr std::size_t kSequentialHandshakes = 200;

class Table;
class LoadPool;
// Opens `count` connections on `pool`, at most `concurrency` handshakes in flight, and adds
// their "handshake" row (p50, p99, rate) to `table`. Returns the p99 in milliseconds.
double addHandshakeRow(Table& table, LoadPool& pool, std::size_t count, std::size_t concurrency);

// Process start to first hello-ok and idle RSS: ours `runs` times, the reference a few times.
StartupResult runStartup(const Options& options);
// RSS with 1,000 and up to maxConnections idle clients; presence fan-out to 10, 1,000, max.
ScaleResult runScale(const Options& options);
// Handshake and health/status round trips with 1 and 64 concurrent clients.
LatencyResult runLatency(const Options& options);
// The reference's handshakes one at a time and its memory with 1,000 idle clients (fewer when
// maxConnections is lower, but at least the handshakes' connections): the same load clients.
ReferenceLoadResult runReferenceLoad(const Options& options);
// POST /v1/chat/completions through the gateway next to the model server alone: first token and
// total time, non-streaming and streaming, 1 and 32 concurrent clients.
void runHttpApis(const Options& options);
// 10,000 idle cron jobs: memory and wake-ups per minute against an empty scheduler.
void runCronScale(const Options& options);
// gateway.tls: handshake p50/p99 and `health` throughput over wss:// against ws://, same run.
void runTls(const Options& options);

}  // namespace openclaw::bench
