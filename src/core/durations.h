#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace openclaw::core {

// The longest wait any user- or peer-supplied duration may ask for: 2^31 - 1 ms (24 days, 20 h,
// 31 min; the largest timer delay of the Node.js runtime upstream runs on). Every such duration
// is clamped to it before it meets a clock, where a seconds -> nanoseconds conversion or
// now() + duration would otherwise overflow and expire at once.
inline constexpr std::chrono::milliseconds kMaxDuration{2'147'483'647};
// The longest duration a schedule may name: the span of JavaScript dates, 8.64e15 ms (upstream's
// bound for its schedule durations).
inline constexpr std::chrono::milliseconds kMaxScheduleDuration{8'640'000'000'000'000};

// `count` milliseconds or seconds, clamped to [0, max].
std::chrono::milliseconds clampedMillis(std::int64_t count,
                                        std::chrono::milliseconds max = kMaxDuration);
std::chrono::milliseconds clampedSeconds(std::int64_t count,
                                         std::chrono::milliseconds max = kMaxDuration);

// `count` (possibly fractional, NaN or infinite) times `unit`, rounded up to whole milliseconds
// and clamped to [0, max]; NaN counts as 0.
std::chrono::milliseconds clampedDuration(double count, std::chrono::milliseconds unit,
                                          std::chrono::milliseconds max = kMaxDuration);

// A JSON number of `unit`s (integer, unsigned beyond int64 or floating point, as request params
// and peer payloads carry them), clamped the same way; anything but a number counts as 0.
std::chrono::milliseconds clampedDuration(const nlohmann::json& count,
                                          std::chrono::milliseconds unit,
                                          std::chrono::milliseconds max = kMaxDuration);

// The number at `key` of the object `params` read as above, or `absent` when there is none.
std::chrono::milliseconds durationParam(const nlohmann::json& params, const char* key,
                                        std::chrono::milliseconds unit,
                                        std::chrono::milliseconds absent,
                                        std::chrono::milliseconds max = kMaxDuration);

// A duration written as text, as upstream's config and CLI take them: a number with an optional
// unit ("500ms", "30s", "5m", "2h", "1d", "1.5h"; a bare number counts in `defaultUnit`), or
// units in sequence ("1h30m", every part with its unit). Case and surrounding blanks do not
// matter. Clamped to [0, max]; nullopt when the text is not such a duration.
std::optional<std::chrono::milliseconds> parseDurationText(
    std::string_view text, std::chrono::milliseconds defaultUnit,
    std::chrono::milliseconds max = kMaxDuration);

}  // namespace openclaw::core
