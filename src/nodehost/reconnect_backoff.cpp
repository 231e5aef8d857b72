#include "nodehost/reconnect_backoff.h"

#include "core/backoff.h"

namespace openclaw::nodehost {

ReconnectBackoff::ReconnectBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap,
                                   unsigned seed)
    : initial_(initial), cap_(cap), random_(seed) {}

std::chrono::milliseconds ReconnectBackoff::next() {
  std::uniform_real_distribution<double> jitter(1.0, 1.25);
  return core::backoffDelay(attempt_++, initial_, cap_, jitter(random_));
}

}  // namespace openclaw::nodehost
