#include "automation/active_hours.h"

#include <memory>

#include "automation/time_zone.h"

namespace openclaw::automation {
namespace {

constexpr std::int64_t kDayMinutes = 24 * 60;

// The minute of the day at `nowMs` in `zone`.
int minuteOfDayIn(const TimeZone& zone, std::int64_t nowMs) {
  const std::int64_t seconds = nowMs / 1000 - (nowMs % 1000 < 0 ? 1 : 0);
  const std::int64_t local = seconds + zone.offsetAt(seconds);
  const std::int64_t minutes = local / 60 - (local % 60 < 0 ? 1 : 0);
  return static_cast<int>(((minutes % kDayMinutes) + kDayMinutes) % kDayMinutes);
}

// The zone named `name`, or null when it is empty or unknown.
std::shared_ptr<const TimeZone> namedZone(const std::string& name) {
  if (name.empty()) return nullptr;
  protocol::Result<std::shared_ptr<const TimeZone>> zone = loadTimeZone(name);
  return zone ? *zone : nullptr;
}

}  // namespace

bool withinActiveHours(const config::ActiveHoursSettings& hours, int minuteOfDay) {
  const int start = hours.startMinute;
  const int end = hours.endMinute;
  if (start == end) return false;
  if (start < end) return minuteOfDay >= start && minuteOfDay < end;
  return minuteOfDay >= start || minuteOfDay < end;
}

int minuteOfDayFor(const config::ActiveHoursSettings& hours,
                   const std::optional<std::string>& userTimezone, std::int64_t nowMs) {
  const std::string& name = hours.timezone;
  std::shared_ptr<const TimeZone> zone;
  if (name != "local") {
    if (name != "user") zone = namedZone(name);
    if (!zone) zone = namedZone(userTimezone.value_or(""));
  }
  return minuteOfDayIn(zone ? *zone : *hostTimeZone(), nowMs);
}

}  // namespace openclaw::automation
