#pragma once

#include <chrono>

namespace openclaw::channels::irc {

// A token bucket for outgoing lines: up to `burst` lines at once, refilled at one line per
// `interval`. Servers disconnect clients that flood; this keeps us under their limits.
class SendPacer {
 public:
  using Clock = std::chrono::steady_clock;

  SendPacer(int burst, std::chrono::milliseconds interval);

  // How long from `now` until a line may go (zero: right away).
  std::chrono::milliseconds waitTime(Clock::time_point now);
  // Spends one line's token; call only when waitTime(now) is zero.
  void take(Clock::time_point now);

 private:
  void refill(Clock::time_point now);

  double burst_;
  std::chrono::milliseconds interval_;
  double tokens_;
  Clock::time_point refilledAt_;
};

}  // namespace openclaw::channels::irc
