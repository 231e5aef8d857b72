// Measures the openclaw gateway built alongside this program and prints a table: start-up time,
// idle memory, handshake latency, RPC round trips and event fan-out. A benchmark, not a test:
// it asserts nothing. Machines here are shared and noisy, so it reports medians (and p99 where
// tails matter) over repeated runs.
//
// usage: openclaw_bench [--runs N]
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "gateway_process.h"

namespace {

using openclaw::e2e::GatewayProcess;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

double millisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> samples, double p) {
  std::sort(samples.begin(), samples.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1));
  return samples[index];
}

// A memory figure of a process in MiB from /proc/<pid>/status: "VmRSS" (resident, including
// shared library pages other processes share) or "RssAnon" (private: heap and stacks).
double memoryMiB(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return -1;
}

struct Row {
  std::string metric;
  std::string value;
  std::string detail;
};

std::string format(double value, const char* unit) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.2f %s", value, unit);
  return buffer;
}

// Exec to the first answered `health` call, and memory once idle with one client.
void measureStartup(int runs, std::vector<Row>& rows) {
  std::vector<double> startup;
  std::vector<double> rss;
  std::vector<double> anon;
  for (int run = 0; run < runs; ++run) {
    GatewayProcess gateway;
    const auto start = Clock::now();
    gateway.start();
    auto client = gateway.connect();
    client.call("health");
    startup.push_back(millisSince(start));
    rss.push_back(memoryMiB(gateway.pid(), "VmRSS"));
    anon.push_back(memoryMiB(gateway.pid(), "RssAnon"));
    gateway.stop(SIGTERM);
  }
  rows.push_back({"start-up (exec to first health answer)", format(percentile(startup, 0.5), "ms"),
                  "median of " + std::to_string(runs)});
  rows.push_back({"idle RSS with one client", format(percentile(rss, 0.5), "MiB"),
                  "median of " + std::to_string(runs) + "; shared libraries included"});
  rows.push_back({"idle private memory (RssAnon) with one client",
                  format(percentile(anon, 0.5), "MiB"), "median of " + std::to_string(runs)});
}

void measureLatencies(std::vector<Row>& rows) {
  GatewayProcess gateway;
  gateway.start();

  std::vector<double> handshakes;
  for (int i = 0; i < 200; ++i) {
    const auto start = Clock::now();
    auto client = gateway.connect();
    handshakes.push_back(millisSince(start));
  }
  rows.push_back({"handshake (TCP + upgrade + connect + hello-ok)",
                  format(percentile(handshakes, 0.5), "ms"),
                  "p99 " + format(percentile(handshakes, 0.99), "ms") + ", 200 connections"});

  auto client = gateway.connect();
  std::vector<double> calls;
  const auto batchStart = Clock::now();
  for (int i = 0; i < 2000; ++i) {
    const auto start = Clock::now();
    client.call("health");
    calls.push_back(millisSince(start));
  }
  const double seconds = millisSince(batchStart) / 1000.0;
  rows.push_back({"health round trip (one connection)", format(percentile(calls, 0.5), "ms"),
                  "p99 " + format(percentile(calls, 0.99), "ms") + ", " +
                      format(2000.0 / seconds, "calls/s")});

  // Fan-out: one system-event, the presence event reaching each of 20 other clients.
  std::vector<openclaw::client::GatewayClient> watchers;
  for (int i = 0; i < 20; ++i) watchers.push_back(gateway.connect());
  for (auto& watcher : watchers) {
    while (watcher.nextEvent(std::chrono::milliseconds(50))) {
    }
  }
  std::vector<double> fanout;
  for (int round = 0; round < 50; ++round) {
    const auto start = Clock::now();
    client.call("system-event", {{"text", "bench " + std::to_string(round)}});
    for (auto& watcher : watchers) watcher.waitEvent("presence", std::chrono::seconds(5));
    fanout.push_back(millisSince(start));
  }
  rows.push_back({"presence fan-out to 20 clients (event to the last one)",
                  format(percentile(fanout, 0.5), "ms"),
                  "p99 " + format(percentile(fanout, 0.99), "ms") + ", 50 rounds"});
  rows.push_back({"private memory after the above (22 connections)",
                  format(memoryMiB(gateway.pid(), "RssAnon"), "MiB"), ""});
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 10;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--runs") runs = std::max(1, std::stoi(argv[i + 1]));
  }
  std::vector<Row> rows;
  measureStartup(runs, rows);
  measureLatencies(rows);
  std::printf("openclaw gateway benchmark (%s)\n\n", openclaw::e2e::binaryPath().c_str());
  std::printf("| %-55s | %-12s | %-40s |\n", "metric", "value", "detail");
  std::printf("|%s|%s|%s|\n", std::string(57, '-').c_str(), std::string(14, '-').c_str(),
              std::string(42, '-').c_str());
  for (const Row& row : rows) {
    std::printf("| %-55s | %-12s | %-40s |\n", row.metric.c_str(), row.value.c_str(),
                row.detail.c_str());
  }
  return 0;
}
