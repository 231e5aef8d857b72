// Process groups a benchmark started, killed at once when the benchmark itself is interrupted
// (SIGINT, SIGTERM, SIGHUP), so no gateway outlives it. The benchmark's wait loops then see
// interrupted() and throw, so the destructors still remove the temporary directories; a second
// signal exits without them.
#pragma once

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <atomic>

namespace openclaw::bench::child_groups {

// More than any benchmark starts at once (the cells section stops at a few hundred).
inline std::array<std::atomic<pid_t>, 1024> groups{};

inline void add(pid_t group) {
  for (auto& slot : groups) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, group)) return;
  }
}

inline void remove(pid_t group) {
  for (auto& slot : groups) {
    pid_t expected = group;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

inline std::atomic<int> interruptedBy{0};

inline bool interrupted() { return interruptedBy.load() != 0; }

// Async-signal-safe: atomics, kill(2) and _exit(2) only.
inline void killAll(int signal) {
  for (auto& slot : groups) {
    const pid_t group = slot.load();
    if (group > 0) kill(-group, SIGKILL);
  }
  if (interruptedBy.exchange(signal) != 0) _exit(128 + signal);
}

inline void killOnSignals() {
  struct sigaction action {};
  action.sa_handler = killAll;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) sigaction(signal, &action, nullptr);
}

}  // namespace openclaw::bench::child_groups
