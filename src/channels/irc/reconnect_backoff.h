#pragma once

#include <chrono>

namespace openclaw::channels::irc {

// The wait before reconnect attempt number `attempt` (0 for the first): `base` doubled per
// earlier attempt, capped at `cap`, then scaled by `jitter` (expected in [0.5, 1]) so that many
// clients dropped at once do not all come back in the same instant.
std::chrono::milliseconds reconnectDelay(int attempt, std::chrono::milliseconds base,
                                         std::chrono::milliseconds cap, double jitter);

}  // namespace openclaw::channels::irc
