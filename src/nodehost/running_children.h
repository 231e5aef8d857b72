#pragma once

#include <sys/types.h>

#include <mutex>
#include <set>

namespace openclaw::nodehost {

// The process groups system.run started and has not reaped yet, so that stopping the node host
// can end them instead of waiting for their timeouts. Thread-safe.
class RunningChildren {
 public:
  // Records the child `pid` (leader of its own process group); once terminateAll() ran, kills it
  // at once instead.
  void add(pid_t pid);
  // Forgets `pid`; call before reaping it, so a reused pid is never signalled.
  void remove(pid_t pid);
  // SIGKILLs every recorded process group, and every one added later.
  void terminateAll();

 private:
  std::mutex mutex_;
  std::set<pid_t> pids_;
  bool terminating_ = false;
};

}  // namespace openclaw::nodehost
