#include "core/backoff.h"

#include <algorithm>

namespace openclaw::core {

std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap, double jitter) {
  std::chrono::milliseconds delay = base;
  for (int i = 0; i < attempt && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  return std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(delay.count()) * std::max(jitter, 0.0)));
}

}  // namespace openclaw::core
