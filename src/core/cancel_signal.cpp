#include "core/cancel_signal.h"

#include <utility>

namespace openclaw::core {

void CancelSignal::emit() {
  if (emitted_) return;
  emitted_ = true;
  // The handler may resume the awaiting coroutine, which clears the signal as it leaves.
  if (auto handler = std::exchange(handler_, nullptr)) handler();
}

}  // namespace openclaw::core
