#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "config/heartbeat_settings.h"

namespace openclaw::automation {

// Whether `minuteOfDay` (0..1439) lies in the window [start, end): a window whose end is before
// its start crosses midnight (22:00-06:00); start == end is an empty window (never inside).
bool withinActiveHours(const config::ActiveHoursSettings& hours, int minuteOfDay);

// The minute of the day at `nowMs` in the zone activeHours.timezone names: "" or "user" is
// `userTimezone` (else the host's zone), "local" the host's zone, else the IANA zone given (an
// unknown one falls back to "user").
int minuteOfDayFor(const config::ActiveHoursSettings& hours,
                   const std::optional<std::string>& userTimezone, std::int64_t nowMs);

}  // namespace openclaw::automation
