#include "agent/cancel_callbacks.h"

#include <utility>

namespace openclaw::agent {

void CancelCallbacks::add(std::function<void()> callback) {
  if (cancelled_) {
    callback();
    return;
  }
  callbacks_.push_back(std::move(callback));
}

void CancelCallbacks::cancel() {
  if (cancelled_) return;
  cancelled_ = true;
  for (const auto& callback : std::exchange(callbacks_, {})) callback();
}

}  // namespace openclaw::agent
