// The cron matcher: next fires in UTC and in zones with daylight saving, and parse errors.
#include "automation/cron_expression.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "automation/iso_instant.h"
#include "core/clock.h"

namespace openclaw::automation {
namespace {

std::int64_t ms(const std::string& iso) {
  const auto parsed = parseIsoInstantMs(iso);
  EXPECT_TRUE(parsed.has_value()) << iso;
  return parsed.value_or(0);
}

std::string nextFire(const std::string& expr, const std::string& tz, const std::string& after) {
  const auto expression = CronExpression::parse(expr);
  if (!expression.ok()) return "parse error: " + expression.error().message;
  const auto zone = loadTimeZone(tz);
  if (!zone.ok()) return "zone error: " + zone.error().message;
  const auto next = expression->nextAfter(ms(after), **zone);
  return next ? core::isoTimeUtc(*next) : "none";
}

struct NextFireCase {
  const char* expr;
  const char* tz;
  const char* after;
  const char* expected;  // ISO UTC, or "none"
};

// Expected values were confirmed with croner 10.0.1 (upstream's cron library, `new Cron(expr,
// {timezone}).nextRun(after)`) and upstream's computeNextRunAtMs (openclaw dist, schedule.ts).
// Where the two disagree the row says which one this gateway follows, and docs/automation.md
// lists it under Differences. (While writing this, 10,000 random expressions, zones and instants,
// many within a day of a DST change, gave croner's or upstream's answer in every case: croner's
// in spring-forward gaps, upstream's where croner answers a time before `after` in an overlap.)
const std::vector<NextFireCase>& nextFireCases() {
  static const std::vector<NextFireCase> cases = {
      // New York, spring forward 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z).
      // Inside the gap: as croner, the wall time moves forward by the jump (02:30 -> 03:30 EDT);
      // upstream's gateway skips the day (2026-03-09T06:30Z).
      {"30 2 * * *", "America/New_York", "2026-03-08T00:00:00Z", "2026-03-08T07:30:00.000Z"},
      {"0 2 * * *", "America/New_York", "2026-03-08T00:00:00Z", "2026-03-08T07:00:00.000Z"},
      {"30 2 * * *", "America/New_York", "2026-03-08T07:10:00Z", "2026-03-09T06:30:00.000Z"},
      {"*/30 * * * *", "America/New_York", "2026-03-08T06:45:00Z", "2026-03-08T07:00:00.000Z"},
      {"15,45 2-3 * * *", "America/New_York", "2026-03-08T07:15:00Z", "2026-03-08T07:45:00.000Z"},
      {"0 9 * * *", "America/New_York", "2026-03-07T15:00:00Z", "2026-03-08T13:00:00.000Z"},
      // New York, fall back 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z): 01:xx occurs twice and
      // fires once, at the first occurrence.
      {"30 1 * * *", "America/New_York", "2026-11-01T00:00:00Z", "2026-11-01T05:30:00.000Z"},
      {"30 1 * * *", "America/New_York", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00.000Z"},
      {"*/30 * * * *", "America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T07:00:00.000Z"},
      // Inside the second occurrence: croner answers 05:30Z (before `after`); upstream 07:00Z.
      {"*/30 * * * *", "America/New_York", "2026-11-01T06:10:00Z", "2026-11-01T07:00:00.000Z"},
      // Berlin, spring forward 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z).
      {"30 2 * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", "2026-03-29T01:30:00.000Z"},
      {"0 3 * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", "2026-03-29T01:00:00.000Z"},
      // Berlin, fall back 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
      {"30 2 * * *", "Europe/Berlin", "2026-10-25T00:00:00Z", "2026-10-25T00:30:00.000Z"},
      {"30 2 * * *", "Europe/Berlin", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00.000Z"},
      {"0 * * * *", "Europe/Berlin", "2026-10-25T00:00:00Z", "2026-10-25T02:00:00.000Z"},
      // Sydney (southern hemisphere): spring forward 2026-10-04 02:00 AEST -> 03:00 AEDT,
      // fall back 2026-04-05 03:00 AEDT -> 02:00 AEST.
      {"30 2 * * *", "Australia/Sydney", "2026-10-03T12:00:00Z", "2026-10-03T16:30:00.000Z"},
      {"30 2 * * *", "Australia/Sydney", "2026-04-04T12:00:00Z", "2026-04-04T15:30:00.000Z"},
      {"30 2 * * *", "Australia/Sydney", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00.000Z"},
      // Zones off the hour, without daylight saving, and without any transition.
      {"0 9 * * *", "Asia/Kolkata", "2026-01-01T00:00:00Z", "2026-01-01T03:30:00.000Z"},
      {"0 9 * * *", "Asia/Tehran", "2026-06-01T00:00:00Z", "2026-06-01T05:30:00.000Z"},
      {"0 9 * * *", "Etc/GMT+5", "2026-01-01T00:00:00Z", "2026-01-01T14:00:00.000Z"},
      // February 29: leap years only, and 2100 is not one.
      {"0 12 29 2 *", "UTC", "2026-01-01T00:00:00Z", "2028-02-29T12:00:00.000Z"},
      {"0 12 29 2 *", "UTC", "2028-02-29T12:00:00Z", "2032-02-29T12:00:00.000Z"},
      {"0 12 29 2 *", "UTC", "2096-03-01T00:00:00Z", "2104-02-29T12:00:00.000Z"},
      {"0 12 29 2 *", "Europe/Berlin", "2027-06-01T00:00:00Z", "2028-02-29T11:00:00.000Z"},
      // Day-of-month and day-of-week both restricted: either matches; '+' asks for both.
      {"0 9 15 * 1", "UTC", "2026-01-01T00:00:00Z", "2026-01-05T09:00:00.000Z"},
      {"0 9 15 * +1", "UTC", "2026-01-01T00:00:00Z", "2026-06-15T09:00:00.000Z"},
      {"0 9 13 * fri", "UTC", "2026-01-03T00:00:00Z", "2026-01-09T09:00:00.000Z"},
      {"0 0 */2 * 1", "UTC", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00.000Z"},
      {"0 0 1 * +sun", "UTC", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00.000Z"},
      // '?' is '*' (so only the other day field counts).
      {"0 9 ? * 1", "UTC", "2026-01-04T00:00:00Z", "2026-01-05T09:00:00.000Z"},
      // Seconds.
      {"*/15 * * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T00:00:15.000Z"},
      {"30 0 12 * * *", "UTC", "2026-01-01T12:00:30Z", "2026-01-02T12:00:30.000Z"},
      {"* * * * * *", "UTC", "2026-01-01T00:00:00.500Z", "2026-01-01T00:00:01.000Z"},
      // Steps, ranges, lists, names (any case), 7 = Sunday.
      {"5-59/15 * * * *", "UTC", "2026-01-01T00:06:00Z", "2026-01-01T00:20:00.000Z"},
      {"1-10/3 * * * *", "UTC", "2026-01-01T00:02:00Z", "2026-01-01T00:04:00.000Z"},
      {"0 0 1 jan-mar *", "UTC", "2026-03-02T00:00:00Z", "2027-01-01T00:00:00.000Z"},
      {"0 0 * * MON-FRI/2", "UTC", "2026-01-03T00:00:00Z", "2026-01-05T00:00:00.000Z"},
      {"0 0 * * 7", "UTC", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00.000Z"},
      {"0 0 * * 5-7", "UTC", "2026-01-03T12:00:00Z", "2026-01-04T00:00:00.000Z"},
      {"*/15,7 * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T00:07:00.000Z"},
      {"0 9 * jUl wEd", "UTC", "2026-01-01T00:00:00Z", "2026-07-01T09:00:00.000Z"},
      // Nicknames.
      {"@yearly", "UTC", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00.000Z"},
      {"@annually", "America/New_York", "2026-01-01T00:00:00Z", "2026-01-01T05:00:00.000Z"},
      {"@monthly", "UTC", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00.000Z"},
      {"@weekly", "UTC", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00.000Z"},
      {"@daily", "UTC", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00.000Z"},
      {"@midnight", "Europe/Berlin", "2026-01-01T00:00:00Z", "2026-01-01T23:00:00.000Z"},
      {"@hourly", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00.000Z"},
      // Past the zone files' last transition: the POSIX rule at their end.
      {"0 9 * * *", "America/New_York", "2045-07-01T00:00:00Z", "2045-07-01T13:00:00.000Z"},
      {"0 9 * * *", "America/New_York", "2045-12-01T00:00:00Z", "2045-12-01T14:00:00.000Z"},
      {"30 2 * * *", "America/New_York", "2045-03-12T00:00:00Z", "2045-03-12T07:30:00.000Z"},
      {"30 2 * * *", "Europe/Berlin", "2045-10-29T00:00:00Z", "2045-10-29T00:30:00.000Z"},
      {"30 2 * * *", "Europe/Berlin", "2045-10-29T00:30:00Z", "2045-10-30T01:30:00.000Z"},
      // Before the epoch.
      {"0 9 * * 1-5", "America/New_York", "1969-12-31T12:00:00Z", "1969-12-31T14:00:00.000Z"},
      // Days that never come.
      {"0 0 30 2 *", "UTC", "2026-01-01T00:00:00Z", "none"},
      {"0 0 31 4 *", "UTC", "2026-01-01T00:00:00Z", "none"},
      {"0 0 31 * *", "UTC", "2026-04-01T00:00:00Z", "2026-05-31T00:00:00.000Z"},
  };
  return cases;
}

TEST(CronExpression, NextFireTable) {
  for (const NextFireCase& row : nextFireCases()) {
    EXPECT_EQ(nextFire(row.expr, row.tz, row.after), row.expected)
        << row.expr << " in " << row.tz << " after " << row.after;
  }
}

TEST(CronExpression, StepFromAValueRunsToTheEnd) {
  // Vixie cron's "5/15" (croner 10 refuses it): 5, 20, 35, 50.
  EXPECT_EQ(nextFire("5/15 * * * *", "UTC", "2026-01-01T00:06:00Z"), "2026-01-01T00:20:00.000Z");
  EXPECT_EQ(nextFire("5/15 * * * *", "UTC", "2026-01-01T00:50:00Z"), "2026-01-01T01:05:00.000Z");
}

TEST(CronExpression, FiresEveryRepeatedWallTimeOnceAcrossFallBack) {
  const auto expression = CronExpression::parse("*/20 * * * *");
  const auto zone = loadTimeZone("America/New_York");
  ASSERT_TRUE(expression.ok());
  ASSERT_TRUE(zone.ok());
  std::vector<std::string> fires;
  std::int64_t after = ms("2026-11-01T04:50:00Z");
  for (int i = 0; i < 7; ++i) {
    after = expression->nextAfter(after, **zone).value();
    fires.push_back(core::isoTimeUtc(after));
  }
  // 01:00, 01:20, 01:40 EDT; the repeated 01:xx EST is skipped; then 02:00 EST onwards.
  EXPECT_EQ(fires, (std::vector<std::string>{"2026-11-01T05:00:00.000Z", "2026-11-01T05:20:00.000Z",
                                             "2026-11-01T05:40:00.000Z", "2026-11-01T07:00:00.000Z",
                                             "2026-11-01T07:20:00.000Z", "2026-11-01T07:40:00.000Z",
                                             "2026-11-01T08:00:00.000Z"}));
}

TEST(CronExpression, ParseErrorsSayWhatAndWhere) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"61 * * * *", "minute field '61' out of range 0-59"},
      {"0 24 * * *", "hour field '24' out of range 0-23"},
      {"0 0 0 * *", "day-of-month field '0' out of range 1-31"},
      {"0 0 * 13 *", "month field '13' out of range 1-12"},
      {"0 0 * * 8", "day-of-week field '8' out of range 0-7"},
      {"60 0 0 * * *", "second field '60' out of range 0-59"},
      {"* * * *",
       "has 4 fields; expected 5 (minute hour day-of-month month day-of-week) or 6 "
       "(second first)"},
      {"0 0 1 1 * 2027", "day-of-week field '2027' out of range 0-7"},
      {"* * * * * * *",
       "has 7 fields; expected 5 (minute hour day-of-month month day-of-week) "
       "or 6 (second first)"},
      {"",
       "has 0 fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (second "
       "first)"},
      {"*/0 * * * *", "minute field '*/0' step must be a number 1-60"},
      {"*/61 * * * *", "minute field '*/61' step must be a number 1-60"},
      {"1/x * * * *", "minute field '1/x' step must be a number 1-60"},
      {"0 */25 * * *", "hour field '*/25' step must be a number 1-24"},
      {"0 0 */32 * *", "day-of-month field '*/32' step must be a number 1-31"},
      {"0 0 * */13 *", "month field '*/13' step must be a number 1-12"},
      {"0 0 * * */8", "day-of-week field '*/8' step must be a number 1-7"},
      {"1/2/3 * * * *", "minute field '1/2/3' has more than one '/'"},
      {"10-5 * * * *", "minute field '10-5' is a range that runs backwards"},
      {"1- * * * *", "minute field '1-' is not a number"},
      {"1,,2 * * * *", "minute field '1,,2' has an empty list item"},
      {"a * * * *", "minute field 'a' is not a number"},
      {"? * * * *", "minute field '?' is not a number"},
      {"0 0 * foo *", "month field 'foo' is not a number or a name (JAN-DEC)"},
      {"0 0 * * sunday", "day-of-week field 'sunday' is not a number or a name (SUN-SAT)"},
      {"0 0 L * *",
       "day-of-month field 'L' uses L, W or # (last day, nearest weekday, nth "
       "weekday), which this gateway does not support"},
      {"0 0 15W * *",
       "day-of-month field '15W' uses L, W or # (last day, nearest weekday, nth "
       "weekday), which this gateway does not support"},
      {"0 0 * * 5L",
       "day-of-week field '5L' uses L, W or # (last day, nearest weekday, nth "
       "weekday), which this gateway does not support"},
      {"0 0 * * 1#2",
       "day-of-week field '1#2' uses L, W or # (last day, nearest weekday, nth "
       "weekday), which this gateway does not support"},
      {"0 9 +15 * 1",
       "day-of-month field '+15' has '+', which only goes in front of the "
       "day-of-week field"},
      {"@reboot",
       "'@reboot' is not a known nickname (@yearly, @annually, @monthly, @weekly, "
       "@daily, @midnight, @hourly)"},
  };
  for (const auto& [expr, message] : cases) {
    const auto parsed = CronExpression::parse(expr);
    ASSERT_FALSE(parsed.ok()) << expr;
    EXPECT_EQ(parsed.error().code, "INVALID_REQUEST");
    EXPECT_EQ(parsed.error().message, message) << expr;
  }
}

TEST(CronExpression, RefusesOverlongText) {
  const auto parsed = CronExpression::parse("0 0 * * " + std::string(300, '1'));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "is longer than 256 characters");
}

TEST(CronExpression, AcceptsSurroundingAndRepeatedWhitespaceAndUppercaseNicknames) {
  EXPECT_EQ(nextFire("  0\t 9  * *   * ", "UTC", "2026-01-01T00:00:00Z"),
            "2026-01-01T09:00:00.000Z");
  EXPECT_EQ(nextFire("@YEARLY", "UTC", "2026-01-01T00:00:00Z"), "2027-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace openclaw::automation
