// Calendar arithmetic under the zone reader and the cron matcher, far outside std::chrono's
// year range too (schedules take instants up to JavaScript's year 275760).
#include "automation/civil_time.h"

#include <gtest/gtest.h>

namespace openclaw::automation {
namespace {

TEST(CivilTime, KnownDays) {
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(daysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(daysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(daysFromCivil(2028, 2, 29), 21243);
  EXPECT_EQ(daysFromCivil(275760, 9, 13), 100000000);  // JavaScript's last date
  EXPECT_EQ(weekdayOfDay(0), 4);                       // Thursday
  EXPECT_EQ(weekdayOfDay(-1), 3);
  EXPECT_EQ(weekdayOfDay(daysFromCivil(2026, 1, 4)), 0);  // a Sunday
  EXPECT_TRUE(isLeapYear(2000));
  EXPECT_FALSE(isLeapYear(2100));
  EXPECT_TRUE(isLeapYear(2028));
  EXPECT_EQ(daysInMonth(2028, 2), 29);
  EXPECT_EQ(daysInMonth(2100, 2), 28);
  EXPECT_EQ(floorDiv(-1, 86400), -1);
  EXPECT_EQ(floorDiv(86400, 86400), 1);
}

TEST(CivilTime, RoundTripsOverHundredsOfThousandsOfYears) {
  for (std::int64_t days = -101000000; days <= 101000000; days += 9973) {
    const CivilDate date = civilFromDays(days);
    ASSERT_EQ(daysFromCivil(date.year, date.month, date.day), days) << days;
    ASSERT_GE(date.day, 1);
    ASSERT_LE(date.day, daysInMonth(date.year, date.month));
  }
}

}  // namespace
}  // namespace openclaw::automation
