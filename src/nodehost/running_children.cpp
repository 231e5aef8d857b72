#include "nodehost/running_children.h"

#include <signal.h>

namespace openclaw::nodehost {

void RunningChildren::add(pid_t pid) {
  std::lock_guard lock(mutex_);
  if (terminating_) {
    ::kill(-pid, SIGKILL);
    return;
  }
  pids_.insert(pid);
}

void RunningChildren::remove(pid_t pid) {
  std::lock_guard lock(mutex_);
  pids_.erase(pid);
}

void RunningChildren::terminateAll() {
  std::lock_guard lock(mutex_);
  terminating_ = true;
  for (pid_t pid : pids_) ::kill(-pid, SIGKILL);
}

}  // namespace openclaw::nodehost
