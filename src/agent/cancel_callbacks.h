#pragma once

#include <functional>
#include <vector>

namespace openclaw::agent {

// What a run calls when it is cancelled (abort, timeout, shutdown), for the steps of its tool
// calls that wait on the event loop (an exec approval). Worker threads look at the run's cancel
// flag instead. Event-loop thread only.
class CancelCallbacks {
 public:
  // Runs `callback` at cancel(), or at once when cancel() already ran.
  void add(std::function<void()> callback);
  // Runs the callbacks added so far, once.
  void cancel();
  bool cancelled() const { return cancelled_; }

 private:
  bool cancelled_ = false;
  std::vector<std::function<void()>> callbacks_;
};

}  // namespace openclaw::agent
