#pragma once

#include <cstdint>
#include <string>

namespace openclaw::core {

// Milliseconds since the Unix epoch (wall clock), as the protocol's `ts` fields use.
std::int64_t nowMs();

// `ms` since the epoch as ISO-8601 UTC with milliseconds: "2026-01-02T03:04:05.678Z".
std::string isoTimeUtc(std::int64_t ms);

// Milliseconds from a monotonic clock; only differences are meaningful.
std::int64_t monotonicMs();

}  // namespace openclaw::core
