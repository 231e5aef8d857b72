#pragma once

#include <cstdint>

namespace openclaw::core {

// Milliseconds since the Unix epoch (wall clock), as the protocol's `ts` fields use.
std::int64_t nowMs();

// Milliseconds from a monotonic clock; only differences are meaningful.
std::int64_t monotonicMs();

}  // namespace openclaw::core
