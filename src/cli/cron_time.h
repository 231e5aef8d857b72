#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace openclaw::cli {

// What `openclaw cron create|edit --at <when>` sends as schedule.at: the instant `when` names,
// as ISO 8601 UTC with milliseconds ("2026-01-02T03:04:05.000Z"), or nullopt when it names
// none. `when` is one of:
//  - an ISO date or date-time ("2026-03-23", "2026-03-23T23:00", "2026-03-23T23:00:00+01:00");
//    without an offset it is UTC, or wall time in `tz` (an IANA zone) when one is given (its
//    first occurrence when the zone repeats it; none when the zone skips it);
//  - epoch milliseconds ("1767225600000");
//  - a duration from `nowMs`, optionally after a '+' ("20m", "+1h30m").
// A duration flag ("30s", "10m", "1h30m", bare numbers in ms) in milliseconds, bounded by
// upstream's schedule span; nullopt when it is not a duration.
std::optional<std::int64_t> durationMs(std::string_view text);

std::optional<std::string> resolveAtTime(const std::string& when, const std::string& tz,
                                         std::int64_t nowMs);

// True when `tz` names a zone of the host's time zone database (automation/time_zone.h).
bool isKnownTimeZone(const std::string& tz);

}  // namespace openclaw::cli
