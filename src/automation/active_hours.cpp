#include "automation/active_hours.h"

#include <ctime>

namespace openclaw::automation {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMinutes = 24 * 60;

// The minute of the day in UTC.
int utcMinuteOfDay(std::int64_t nowMs) {
  const std::int64_t minutes = nowMs / kMinuteMs - (nowMs % kMinuteMs < 0 ? 1 : 0);
  return static_cast<int>(((minutes % kDayMinutes) + kDayMinutes) % kDayMinutes);
}

// The minute of the day in the host's zone.
int hostMinuteOfDay(std::int64_t nowMs) {
  const std::time_t seconds = static_cast<std::time_t>(nowMs / 1000);
  std::tm local{};
  if (localtime_r(&seconds, &local) == nullptr) return utcMinuteOfDay(nowMs);
  return local.tm_hour * 60 + local.tm_min;
}

// The minute of the day in IANA zone `zone`, or nullopt for a zone this build cannot evaluate.
std::optional<int> zoneMinuteOfDay(const std::string& zone, std::int64_t nowMs) {
  if (zone == "UTC" || zone == "Etc/UTC" || zone == "GMT" || zone == "Etc/GMT") {
    return utcMinuteOfDay(nowMs);
  }
  return std::nullopt;
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
  const std::string& zone = hours.timezone;
  if (zone == "local") return hostMinuteOfDay(nowMs);
  if (!zone.empty() && zone != "user") {
    if (const std::optional<int> minute = zoneMinuteOfDay(zone, nowMs)) return *minute;
  }
  if (userTimezone && !userTimezone->empty()) {
    if (const std::optional<int> minute = zoneMinuteOfDay(*userTimezone, nowMs)) return *minute;
  }
  return hostMinuteOfDay(nowMs);
}

}  // namespace openclaw::automation
