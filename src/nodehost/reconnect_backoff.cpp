#include "nodehost/reconnect_backoff.h"

#include <algorithm>

namespace openclaw::nodehost {

ReconnectBackoff::ReconnectBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap,
                                   unsigned seed)
    : initial_(initial), cap_(cap), random_(seed) {}

std::chrono::milliseconds ReconnectBackoff::next() {
  std::chrono::milliseconds base = initial_;
  for (int i = 0; i < attempt_ && base < cap_; ++i) base *= 2;
  base = std::min(base, cap_);
  ++attempt_;
  std::uniform_int_distribution<long long> jitter(0, base.count() / 4);
  return base + std::chrono::milliseconds(jitter(random_));
}

}  // namespace openclaw::nodehost
