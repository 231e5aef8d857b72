// Schedules of cron jobs: reading them from cron.add / cron.update (with an error naming the
// field), their wire shape, and the next fire of each kind (with upstream's stagger).
#include "automation/schedule.h"

#include <gtest/gtest.h>

#include "automation/iso_instant.h"
#include "core/clock.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

std::int64_t ms(const std::string& iso) { return parseIsoInstantMs(iso).value(); }

const std::int64_t kNow = ms("2026-01-01T00:00:00Z");

std::string errorOf(const json& schedule) {
  const auto parsed = parseSchedule(schedule, kNow);
  if (parsed.ok()) return "ok";
  EXPECT_EQ(parsed.error().code, "INVALID_REQUEST");
  return parsed.error().message;
}

TEST(IsoInstant, ParsesUpstreamForms) {
  EXPECT_EQ(parseIsoInstantMs("2026-01-02T03:04:05Z"), ms("2026-01-02T03:04:05.000Z"));
  EXPECT_EQ(*parseIsoInstantMs("2026-01-02T03:04:05.678Z"), 1767323045678);
  EXPECT_EQ(*parseIsoInstantMs("2026-01-02T03:04:05.6789123z"), 1767323045678);
  EXPECT_EQ(*parseIsoInstantMs("2026-01-02T04:04:05+01:00"), 1767323045000);
  EXPECT_EQ(*parseIsoInstantMs("2026-01-01T22:34:05-0430"), 1767323045000);
  EXPECT_EQ(*parseIsoInstantMs("2026-01-02t03:04:05"), 1767323045000);  // no offset: UTC
  EXPECT_EQ(*parseIsoInstantMs("2026-01-02T03:04"), 1767323040000);
  EXPECT_EQ(*parseIsoInstantMs("2026-01-02"), ms("2026-01-02T00:00:00Z"));
  EXPECT_EQ(*parseIsoInstantMs("2026-01-01T24:00:00Z"), ms("2026-01-02T00:00:00Z"));
  EXPECT_EQ(*parseIsoInstantMs("2028-02-29T12:00:00Z"), 1835438400000);
  EXPECT_EQ(*parseIsoInstantMs(" 1767323045678 "), 1767323045678);  // epoch milliseconds
  EXPECT_EQ(*parseIsoInstantMs("8640000000000000"), kMaxTimestampMs);
}

TEST(IsoInstant, RefusesWhatIsNotATime) {
  for (const char* text : {"",
                           "tomorrow",
                           "2026-02-30T00:00:00Z",
                           "2027-02-29",
                           "2026-13-01",
                           "2026-00-10",
                           "2026-01-02T25:00:00Z",
                           "2026-01-02T24:00:01Z",
                           "2026-01-02T03:60Z",
                           "2026-01-02T03:04:61Z",
                           "2026-01-02T03:04:05+2400",
                           "2026-01-02T03:04:05 +01:00",
                           "2026-01-02T03",
                           "26-01-02",
                           "2026-1-2",
                           "2026-01-02T03:04:05.Z",
                           "2026-01-02Z",
                           "0",
                           "99999999999999999999",
                           "2026-01-02T03:04:05Zjunk"}) {
    EXPECT_FALSE(parseIsoInstantMs(text).has_value()) << text;
  }
}

TEST(Schedule, ParsesEachKindAndWritesItBack) {
  const json at = {{"kind", "at"}, {"at", "2026-06-01T09:00:00+02:00"}};
  const auto parsedAt = parseSchedule(at, kNow);
  ASSERT_TRUE(parsedAt.ok());
  EXPECT_EQ(std::get<AtSchedule>(*parsedAt).atMs, ms("2026-06-01T07:00:00Z"));
  EXPECT_EQ(scheduleToJson(*parsedAt), at);
  EXPECT_STREQ(scheduleKind(*parsedAt), "at");

  const json every = {{"kind", "every"}, {"everyMs", 60000}, {"anchorMs", 5}};
  const auto parsedEvery = parseSchedule(every, kNow);
  ASSERT_TRUE(parsedEvery.ok());
  EXPECT_EQ(scheduleToJson(*parsedEvery), every);
  EXPECT_STREQ(scheduleKind(*parsedEvery), "every");
  const json plainEvery = {{"kind", "every"}, {"everyMs", 1000}};
  EXPECT_EQ(scheduleToJson(*parseSchedule(plainEvery, kNow)), plainEvery);

  const json cron = {
      {"kind", "cron"}, {"expr", "0 9 * * 1-5"}, {"tz", "Europe/Berlin"}, {"staggerMs", 0}};
  const auto parsedCron = parseSchedule(cron, kNow);
  ASSERT_TRUE(parsedCron.ok());
  EXPECT_EQ(scheduleToJson(*parsedCron), cron);
  EXPECT_STREQ(scheduleKind(*parsedCron), "cron");
  const json hostCron = {{"kind", "cron"}, {"expr", "@daily"}};
  EXPECT_EQ(scheduleToJson(*parseSchedule(hostCron, kNow)), hostCron);
}

TEST(Schedule, ErrorsNameTheField) {
  EXPECT_EQ(errorOf("every minute"), "schedule: must be an object");
  EXPECT_EQ(errorOf(json::object()), "schedule.kind: required: \"at\", \"every\" or \"cron\"");
  EXPECT_EQ(errorOf({{"kind", "hourly"}}),
            "schedule.kind: \"hourly\" is not one of \"at\", \"every\", \"cron\"");
  EXPECT_EQ(errorOf({{"kind", "on-exit"}, {"command", "true"}}),
            "schedule.kind: \"on-exit\" is not supported by this gateway");
  EXPECT_EQ(errorOf({{"kind", "stream"}, {"command", {"tail"}}}),
            "schedule.kind: \"stream\" is not supported by this gateway");

  EXPECT_EQ(errorOf({{"kind", "at"}}),
            "schedule.at: required: an ISO 8601 time such as 2026-01-02T03:04:05Z");
  EXPECT_EQ(errorOf({{"kind", "at"}, {"at", "next tuesday"}}),
            "schedule.at: 'next tuesday' is not an ISO 8601 time (2026-01-02T03:04:05Z, "
            "2026-01-02T04:04:05+01:00) or epoch milliseconds");
  EXPECT_EQ(errorOf({{"kind", "at"}, {"at", "2026-02-30T00:00:00Z"}}),
            "schedule.at: '2026-02-30T00:00:00Z' is not an ISO 8601 time "
            "(2026-01-02T03:04:05Z, 2026-01-02T04:04:05+01:00) or epoch milliseconds");
  EXPECT_EQ(errorOf({{"kind", "at"}, {"at", "2025-12-31T23:00:00-02:00"}}), "ok");
  EXPECT_EQ(errorOf({{"kind", "at"}, {"at", "2025-12-31T23:00:00Z"}}),
            "schedule.at: '2025-12-31T23:00:00Z' (2025-12-31T23:00:00.000Z) is not in the future");
  EXPECT_EQ(errorOf({{"kind", "at"}, {"at", "2026-01-01T00:00:00Z"}}),
            "schedule.at: '2026-01-01T00:00:00Z' (2026-01-01T00:00:00.000Z) is not in the future");

  EXPECT_EQ(errorOf({{"kind", "every"}}),
            "schedule.everyMs: required: the interval in milliseconds");
  EXPECT_EQ(errorOf({{"kind", "every"}, {"everyMs", 999}}),
            "schedule.everyMs: must be between 1000 and 8640000000000000, got 999");
  EXPECT_EQ(errorOf({{"kind", "every"}, {"everyMs", "60000"}}),
            "schedule.everyMs: must be an integer");
  EXPECT_EQ(errorOf({{"kind", "every"}, {"everyMs", 1.5e3}}),
            "schedule.everyMs: must be an integer");
  EXPECT_EQ(errorOf({{"kind", "every"}, {"everyMs", std::uint64_t{18446744073709551615u}}}),
            "schedule.everyMs: must be between 1000 and 8640000000000000, got "
            "18446744073709551615");
  EXPECT_EQ(errorOf({{"kind", "every"}, {"everyMs", 1000}, {"anchorMs", -1}}),
            "schedule.anchorMs: must be between 0 and 8640000000000000, got -1");

  EXPECT_EQ(errorOf({{"kind", "cron"}}),
            "schedule.expr: required: a cron expression such as \"0 9 * * 1-5\"");
  EXPECT_EQ(errorOf({{"kind", "cron"}, {"expr", "61 * * * *"}}),
            "schedule.expr: minute field '61' out of range 0-59");
  EXPECT_EQ(errorOf({{"kind", "cron"}, {"expr", "0 0 L * *"}}),
            "schedule.expr: day-of-month field 'L' uses L, W or # (last day, nearest weekday, "
            "nth weekday), which this gateway does not support");
  EXPECT_EQ(errorOf({{"kind", "cron"}, {"expr", "0 9 * * *"}, {"tz", "Mars/Olympus"}}),
            "schedule.tz: unknown time zone 'Mars/Olympus'");
  EXPECT_EQ(errorOf({{"kind", "cron"}, {"expr", "0 9 * * *"}, {"tz", "../../etc/passwd"}}),
            "schedule.tz: not an IANA time zone name (letters, digits, '_', '+', '-' and '/' "
            "only, no '..', not a path)");
  EXPECT_EQ(errorOf({{"kind", "cron"}, {"expr", "0 9 * * *"}, {"tz", 5}}),
            "schedule.tz: must be a string (an IANA time zone)");
  EXPECT_EQ(errorOf({{"kind", "cron"}, {"expr", "0 9 * * *"}, {"staggerMs", -1}}),
            "schedule.staggerMs: must be between 0 and 8640000000000000, got -1");
  EXPECT_EQ(errorOf({{"kind", "cron"}, {"expr", "0 9 * * *"}, {"staggerMs", "5m"}}),
            "schedule.staggerMs: must be an integer");
}

TEST(Schedule, NextFireOfAtAndEvery) {
  const Schedule at = AtSchedule{"2026-06-01T07:00:00Z", ms("2026-06-01T07:00:00Z")};
  EXPECT_EQ(nextFireAfter(at, kNow, kNow, "job"), ms("2026-06-01T07:00:00Z"));
  EXPECT_EQ(nextFireAfter(at, ms("2026-06-01T07:00:00Z"), kNow, "job"), std::nullopt);

  // Anchored on the creation time: 10:00:00, 10:01:00, ...
  const Schedule every = EverySchedule{60000, std::nullopt};
  const std::int64_t created = ms("2026-01-01T10:00:00Z");
  EXPECT_EQ(nextFireAfter(every, created, created, "job"), ms("2026-01-01T10:01:00Z"));
  EXPECT_EQ(nextFireAfter(every, ms("2026-01-01T10:01:00Z"), created, "job"),
            ms("2026-01-01T10:02:00Z"));
  EXPECT_EQ(nextFireAfter(every, ms("2026-01-01T10:05:30Z"), created, "job"),
            ms("2026-01-01T10:06:00Z"));
  // An explicit anchor wins, also one in the future.
  const Schedule anchored = EverySchedule{60000, ms("2026-01-01T10:00:30Z")};
  EXPECT_EQ(nextFireAfter(anchored, ms("2026-01-01T10:05:30Z"), created, "job"),
            ms("2026-01-01T10:06:30Z"));
  EXPECT_EQ(nextFireAfter(anchored, ms("2026-01-01T09:00:00Z"), created, "job"),
            ms("2026-01-01T10:00:30Z"));
}

// Expected values were computed with upstream's computeJobNextRunAtMs (openclaw dist,
// jobs-scheduling) for the same job ids: SHA-256("job-1") starts 0x026a b479 (40547897),
// SHA-256("abc") 0xba78 16bf (3128432319).
TEST(Schedule, CronStaggerMatchesUpstream) {
  const auto next = [](const std::string& expr, std::optional<std::int64_t> staggerMs,
                       const std::string& jobId) {
    const Schedule cron = CronSchedule{expr, "UTC", staggerMs};
    const auto fire = nextFireAfter(cron, kNow, kNow, jobId);
    return fire ? core::isoTimeUtc(*fire) : "none";
  };
  // Top of every hour: a 5-minute window.
  EXPECT_EQ(next("0 * * * *", std::nullopt, "job-1"), "2026-01-01T00:00:47.897Z");
  EXPECT_EQ(next("0 */2 * * *", std::nullopt, "job-1"), "2026-01-01T00:00:47.897Z");
  EXPECT_EQ(next("0 * * * *", std::nullopt, "abc"), "2026-01-01T00:00:32.319Z");
  EXPECT_EQ(next("0 0 * * * *", std::nullopt, "job-2"), "2026-01-01T00:02:42.183Z");
  // Not top of every hour (or a nickname): exact.
  EXPECT_EQ(next("@hourly", std::nullopt, "job-1"), "2026-01-01T01:00:00.000Z");
  EXPECT_EQ(next("0 9 * * *", std::nullopt, "job-1"), "2026-01-01T09:00:00.000Z");
  // Explicit: 0 is exact, anything else a window of that size.
  EXPECT_EQ(next("0 * * * *", 0, "job-1"), "2026-01-01T01:00:00.000Z");
  EXPECT_EQ(next("30 9 * * *", 60000, "job-1"), "2026-01-01T09:30:47.897Z");
  // The stagger moves the fire, never past the next one.
  const Schedule hourly = CronSchedule{"0 * * * *", "UTC", std::nullopt};
  EXPECT_EQ(nextFireAfter(hourly, ms("2026-01-01T00:00:47.897Z"), kNow, "job-1"),
            ms("2026-01-01T01:00:47.897Z"));
  // The largest window upstream's schema allows still gives a fire within the next hour.
  const Schedule widest = CronSchedule{"0 * * * *", "UTC", kMaxTimestampMs};
  const auto fire = nextFireAfter(widest, kNow, kNow, "job-1");
  ASSERT_TRUE(fire.has_value());
  EXPECT_GT(*fire, kNow);
  EXPECT_LE(*fire, kNow + 3600 * 1000);
}

// Both lists give the same answers from upstream's resolveDefaultCronStaggerMs (dist
// stagger-*.mjs).
TEST(Schedule, DefaultStaggerIsForRecurringTopOfHourExpressions) {
  for (const char* expr : {"0 * * * *", "0 */2 * * *", "0 ? * * *", "0 *,12 * * *", "0 0 * * * *",
                           "0 */3 * * 1-5", "  0  *  * * *"}) {
    EXPECT_EQ(defaultCronStaggerMs(expr), 300000) << expr;
  }
  for (const char* expr : {"0 9 * * *", "0 0-23/2 * * *", "5 * * * *", "@hourly", "0 * * *",
                           "1 0 * * * *", "0 */x * * *", "0 *-2 * * *", "*/5 * * * *"}) {
    EXPECT_EQ(defaultCronStaggerMs(expr), 0) << expr;
  }
}

TEST(Schedule, CronNextFireInTheScheduleZone) {
  const Schedule berlin = CronSchedule{"0 9 * * *", "Europe/Berlin", 0};
  EXPECT_EQ(nextFireAfter(berlin, kNow, kNow, "job"), ms("2026-01-01T08:00:00Z"));
  EXPECT_EQ(nextFireAfter(berlin, ms("2026-07-01T00:00:00Z"), kNow, "job"),
            ms("2026-07-01T07:00:00Z"));
  const Schedule never = CronSchedule{"0 0 30 2 *", "UTC", std::nullopt};
  EXPECT_EQ(nextFireAfter(never, kNow, kNow, "job"), std::nullopt);
  const Schedule broken = CronSchedule{"not cron", "UTC", std::nullopt};
  EXPECT_EQ(nextFireAfter(broken, kNow, kNow, "job"), std::nullopt);
}

}  // namespace
}  // namespace openclaw::automation
