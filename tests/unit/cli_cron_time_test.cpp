#include <gtest/gtest.h>

#include "cli/cron_time.h"

namespace openclaw::cli {
namespace {

constexpr std::int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

TEST(CliCronTime, DurationsCountFromNow) {
  EXPECT_EQ(resolveAtTime("20m", "", kNow), "2026-01-01T00:20:00.000Z");
  EXPECT_EQ(resolveAtTime("+1h30m", "", kNow), "2026-01-01T01:30:00.000Z");
  EXPECT_EQ(resolveAtTime("1d", "Europe/Berlin", kNow), "2026-01-02T00:00:00.000Z");
}

TEST(CliCronTime, IsoTimesWithoutAnOffsetAreUtc) {
  EXPECT_EQ(resolveAtTime("2026-03-23T23:00", "", kNow), "2026-03-23T23:00:00.000Z");
  EXPECT_EQ(resolveAtTime("2026-03-23T23:00:05.25", "", kNow), "2026-03-23T23:00:05.250Z");
  EXPECT_EQ(resolveAtTime("2026-03-23", "", kNow), "2026-03-23T00:00:00.000Z");
}

TEST(CliCronTime, AnOffsetWinsOverTheZone) {
  EXPECT_EQ(resolveAtTime("2026-03-23T23:00:00+01:00", "", kNow), "2026-03-23T22:00:00.000Z");
  EXPECT_EQ(resolveAtTime("2026-03-23T23:00:00-0530", "America/New_York", kNow),
            "2026-03-24T04:30:00.000Z");
  EXPECT_EQ(resolveAtTime("2026-03-23t23:00z", "America/New_York", kNow),
            "2026-03-23T23:00:00.000Z");
}

TEST(CliCronTime, WallTimeInAZoneFollowsItsDaylightSaving) {
  // New York: EST (UTC-5) in January, EDT (UTC-4) from 8 March 2026.
  EXPECT_EQ(resolveAtTime("2026-01-15T09:00", "America/New_York", kNow),
            "2026-01-15T14:00:00.000Z");
  EXPECT_EQ(resolveAtTime("2026-03-23T09:00", "America/New_York", kNow),
            "2026-03-23T13:00:00.000Z");
  EXPECT_EQ(resolveAtTime("2026-07-01", "Asia/Kolkata", kNow), "2026-06-30T18:30:00.000Z");
}

TEST(CliCronTime, EpochMillisecondsAreInstants) {
  EXPECT_EQ(resolveAtTime("1767225600000", "", kNow), "2026-01-01T00:00:00.000Z");
}

TEST(CliCronTime, WhatNamesNoInstantIsRefused) {
  for (const char* when :
       {"", "soon", "2026-02-30T10:00", "2026-13-01", "2026-03-23T24:00", "2026-03-23T10:60",
        "2026-03-23T10:00+25:00", "0", "-5m", "0s", "20 minutes", "99999999999999999"}) {
    EXPECT_FALSE(resolveAtTime(when, "", kNow).has_value()) << when;
  }
  EXPECT_FALSE(resolveAtTime("2026-03-23T10:00", "Mars/Olympus_Mons", kNow).has_value());
  EXPECT_FALSE(resolveAtTime("2026-03-23T10:00", "../../etc/passwd", kNow).has_value());
}

TEST(CliCronTime, SkippedWallTimesAreRefusedAndRepeatedOnesTakeTheFirst) {
  // New York springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November.
  EXPECT_FALSE(resolveAtTime("2026-03-08T02:30", "America/New_York", kNow).has_value());
  EXPECT_EQ(resolveAtTime("2026-11-01T01:30", "America/New_York", kNow),
            "2026-11-01T05:30:00.000Z");
}

TEST(CliCronTime, KnownZonesAreTheHostDatabases) {
  EXPECT_TRUE(isKnownTimeZone("America/Los_Angeles"));
  EXPECT_TRUE(isKnownTimeZone("UTC"));
  EXPECT_FALSE(isKnownTimeZone("America/Nowhere"));
  EXPECT_FALSE(isKnownTimeZone("/etc/passwd"));
  EXPECT_FALSE(isKnownTimeZone("America"));  // a directory
  EXPECT_FALSE(isKnownTimeZone(""));
}

}  // namespace
}  // namespace openclaw::cli
