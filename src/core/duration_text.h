#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace openclaw::core {

// The largest duration a duration text may name: 8.64e15 ms (the span of JavaScript dates, as
// upstream bounds its durations).
inline constexpr std::int64_t kMaxDurationTextMs = 8'640'000'000'000'000;

// A duration as people type it on a command line, in milliseconds: a number with an optional
// unit ("500ms", "30s", "5m", "2h", "1d", "1.5h"; `defaultUnit` when none is given, one of
// "ms", "s", "m", "h", "d"), or units chained without spaces ("1h30m"). Case-insensitive,
// surrounding whitespace ignored, rounded to whole milliseconds. nullopt for anything else,
// including negative values and durations above kMaxDurationTextMs.
std::optional<std::int64_t> parseDurationText(std::string_view text,
                                              std::string_view defaultUnit = "ms");

}  // namespace openclaw::core
