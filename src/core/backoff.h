#pragma once

#include <chrono>

namespace openclaw::core {

// The wait before retry number `attempt` (0 for the first): `base` doubled per earlier attempt,
// capped at `cap`, then scaled by `jitter` (callers draw it at random, e.g. from [0.5, 1] or
// [0.9, 1.1], so that many clients dropped at once do not all come back in the same instant).
std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap, double jitter = 1.0);

}  // namespace openclaw::core
