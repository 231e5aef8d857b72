#pragma once

#include <cstdint>

namespace openclaw::automation {

// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), for the zone
// reader and the cron matcher.
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
};

std::int64_t daysFromCivil(int year, int month, int day);
CivilDate civilFromDays(std::int64_t days);
// 0 = Sunday ... 6 = Saturday.
int weekdayOfDay(std::int64_t days);
bool isLeapYear(int year);
int daysInMonth(int year, int month);
// Division rounding towards negative infinity (instants before 1970 stay on the right day).
std::int64_t floorDiv(std::int64_t value, std::int64_t divisor);

}  // namespace openclaw::automation
