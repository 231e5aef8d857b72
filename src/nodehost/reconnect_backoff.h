#pragma once

#include <chrono>
#include <random>

namespace openclaw::nodehost {

// Delays between reconnect attempts: doubling from `initial` up to `cap`, each with up to 25%
// random jitter added so many nodes do not reconnect in lockstep after a gateway restart.
class ReconnectBackoff {
 public:
  ReconnectBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap,
                   unsigned seed = std::random_device{}());

  // The delay before the next attempt; each call doubles the base (up to the cap).
  std::chrono::milliseconds next();
  // After a connection that held: start again from `initial`.
  void reset() { attempt_ = 0; }

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds cap_;
  int attempt_ = 0;
  std::mt19937 random_;
};

}  // namespace openclaw::nodehost
