#include "channels/irc/reconnect_backoff.h"

#include <algorithm>

namespace openclaw::channels::irc {

std::chrono::milliseconds reconnectDelay(int attempt, std::chrono::milliseconds base,
                                         std::chrono::milliseconds cap, double jitter) {
  std::chrono::milliseconds delay = base;
  for (int i = 0; i < attempt && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  return std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(delay.count()) * std::clamp(jitter, 0.0, 1.0)));
}

}  // namespace openclaw::channels::irc
