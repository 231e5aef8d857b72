// Small helpers shared by the benchmark files: timing, percentiles, number formatting and
// reading a process's resident memory.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace openclaw::bench {

using Clock = std::chrono::steady_clock;

inline double millisBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

inline double millisSince(Clock::time_point start) { return millisBetween(start, Clock::now()); }

// The nearest-rank percentile (p in [0, 1]) of `samples`; 0 for no samples.
inline double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[index];
}

inline double median(const std::vector<double>& samples) { return percentile(samples, 0.5); }

// printf-style formatting into a std::string (short strings only: table cells).
template <typename... Args>
std::string format(const char* pattern, Args... args) {
  char buffer[160];
  std::snprintf(buffer, sizeof(buffer), pattern, args...);
  return buffer;
}

// A `field` of /proc/<pid>/status in KiB; -1 when the process or the field is gone.
inline double procStatusKiB(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1));
  }
  return -1;
}

// `VmRSS` of a process in KiB (resident memory, shared library pages included).
inline double vmRssKiB(pid_t pid) { return procStatusKiB(pid, "VmRSS"); }

// A `field` of /proc/<pid>/smaps_rollup in KiB (e.g. "Pss": resident memory with every shared
// page divided among the processes that map it, so the sum over processes is what they hold
// together); -1 when the process or the field is gone.
inline double smapsRollupKiB(pid_t pid, const std::string& field) {
  std::ifstream rollup("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::string line;
  while (std::getline(rollup, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1));
  }
  return -1;
}

// Lifts the soft open-files limit to the hard one and returns it. Gateways forked from this
// process inherit it, so this must run before any of them starts.
inline rlim_t raiseFileLimit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  return limit.rlim_cur;
}

}  // namespace openclaw::bench
