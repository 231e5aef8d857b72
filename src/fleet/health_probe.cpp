#include "fleet/health_probe.h"

#include <thread>

#include "net/http_probe.h"

namespace openclaw::fleet {

bool healthzOk(int port, std::chrono::milliseconds timeout) {
  return !net::httpGetNotOk("http://127.0.0.1:" + std::to_string(port) + "/healthz", timeout);
}

bool waitHealthy(int port, std::chrono::milliseconds limit) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + limit;
  while (true) {
    if (healthzOk(port, std::chrono::milliseconds(2000))) return true;
    if (Clock::now() + std::chrono::milliseconds(500) >= deadline) return false;
    // Between probes of a gateway that is still starting: polling with a deadline.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

}  // namespace openclaw::fleet
