#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace openclaw::automation {

// The latest instant JavaScript dates hold, in ms since the epoch (upstream's schema maximum for
// instants and durations).
inline constexpr std::int64_t kMaxTimestampMs = 8'640'000'000'000'000;

// An absolute time as upstream's cron `at` reads it, in ms since the epoch: epoch milliseconds
// ("1767323045000"), or ISO 8601 "YYYY-MM-DD", "YYYY-MM-DDThh:mm[:ss[.fff]]" with an optional
// "Z" or "+hh:mm" / "+hhmm" offset; without an offset the time is UTC (hour 24 only as 24:00:00,
// the end of the day). nullopt when it does not parse, names no calendar day (February 30) or
// lies outside 1 ms .. kMaxTimestampMs as epoch milliseconds.
std::optional<std::int64_t> parseIsoInstantMs(const std::string& text);

}  // namespace openclaw::automation
