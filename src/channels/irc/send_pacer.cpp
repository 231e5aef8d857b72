#include "channels/irc/send_pacer.h"

#include <algorithm>
#include <cmath>

namespace openclaw::channels::irc {

SendPacer::SendPacer(int burst, std::chrono::milliseconds interval)
    : burst_(std::max(burst, 1)), interval_(interval), tokens_(burst_), refilledAt_() {}

void SendPacer::refill(Clock::time_point now) {
  if (refilledAt_ == Clock::time_point()) refilledAt_ = now;
  if (interval_.count() <= 0) {
    tokens_ = burst_;
  } else {
    const std::chrono::duration<double, std::milli> elapsed = now - refilledAt_;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() / static_cast<double>(interval_.count()));
  }
  refilledAt_ = now;
}

std::chrono::milliseconds SendPacer::waitTime(Clock::time_point now) {
  refill(now);
  if (tokens_ >= 1.0) return std::chrono::milliseconds(0);
  const double missing = (1.0 - tokens_) * static_cast<double>(interval_.count());
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(missing)));
}

void SendPacer::take(Clock::time_point now) {
  refill(now);
  tokens_ -= 1.0;
}

}  // namespace openclaw::channels::irc
