// Small helpers shared by the benchmark files: timing, percentiles, number formatting and
// reading a process's resident memory.
#pragma once

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

// `VmRSS` of a process in KiB from /proc/<pid>/status (resident memory, shared library pages
// included); -1 when the process or the field is gone.
inline double vmRssKiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6));
  }
  return -1;
}

}  // namespace openclaw::bench
