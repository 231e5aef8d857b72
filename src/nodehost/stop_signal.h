#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace openclaw::nodehost {

// A stop request that other threads (a signal watcher) raise and the node host polls or waits
// on: waits end early when stop is requested.
class StopSignal {
 public:
  void request() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }
  bool requested() const {
    std::lock_guard lock(mutex_);
    return stopped_;
  }
  // Waits up to `timeout`; true when stop was requested.
  bool waitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return stopped_; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopped_ = false;
};

}  // namespace openclaw::nodehost
