#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace openclaw::automation {

// The POSIX TZ rule at the end of a TZif v2+ file (e.g. "EST5EDT,M3.2.0,M11.1.0",
// "<+0330>-3:30", "AEST-10AEDT,M10.1.0,M4.1.0/3"): the zone's offsets for every instant after
// the file's last explicit transition. Offsets are seconds east of UTC (the TZ text counts west).
struct PosixTzRule {
  // The day of a yearly switch: "Jn" (1-365, February 29 never counted), "n" (0-365, counted)
  // or "Mm.w.d" (weekday d of week w of month m; week 5 is the last), at `time` seconds of local
  // time (may be negative or past 24 h).
  struct SwitchDay {
    enum class Form { JulianNoLeap, JulianZeroBased, MonthWeekDay };
    Form form = Form::MonthWeekDay;
    int day = 0;  // Jn / n: the day number; Mm.w.d: the weekday (0 = Sunday)
    int month = 0;
    int week = 0;
    std::int32_t time = 7200;
  };
  struct Daylight {
    std::int32_t offset = 0;
    SwitchDay start;  // from standard to daylight time, in standard local time
    SwitchDay end;    // back to standard time, in daylight local time
  };

  std::int32_t standardOffset = 0;
  std::optional<Daylight> daylight;

  // The offset in effect at `utcSeconds`.
  std::int32_t offsetAt(std::int64_t utcSeconds) const;
};

// The rule a TZ string describes, or nullopt when it does not parse. A daylight name without
// switch days takes the US rule (",M3.2.0,M11.1.0"), as POSIX leaves it to the implementation.
std::optional<PosixTzRule> parsePosixTzRule(std::string_view text);

}  // namespace openclaw::automation
