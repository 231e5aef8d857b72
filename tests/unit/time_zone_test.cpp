// The zone reader: TZif files from /usr/share/zoneinfo, the POSIX rule at their end, local wall
// times in gaps and overlaps, the host zone. Expected offsets were checked against Python's
// zoneinfo on the same files.
#include "automation/time_zone.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "automation/iso_instant.h"
#include "temp_dir.h"

namespace openclaw::automation {
namespace {

std::int64_t seconds(const std::string& iso) {
  const auto parsed = parseIsoInstantMs(iso);
  EXPECT_TRUE(parsed.has_value()) << iso;
  return parsed.value_or(0) / 1000;
}

std::shared_ptr<const TimeZone> zone(const std::string& name) {
  auto loaded = loadTimeZone(name);
  EXPECT_TRUE(loaded.ok()) << name;
  return loaded.ok() ? *loaded : TimeZone::utc();
}

std::int32_t offset(const std::string& name, const std::string& iso) {
  return zone(name)->offsetAt(seconds(iso));
}

TEST(TimeZone, KnownOffsets) {
  EXPECT_EQ(offset("America/New_York", "2026-01-15T12:00:00Z"), -18000);
  EXPECT_EQ(offset("America/New_York", "2026-07-15T12:00:00Z"), -14400);
  EXPECT_EQ(offset("America/New_York", "1850-01-01T00:00:00Z"), -17762);  // local mean time
  EXPECT_EQ(offset("America/New_York", "2026-03-08T06:59:59Z"), -18000);
  EXPECT_EQ(offset("America/New_York", "2026-03-08T07:00:00Z"), -14400);
  EXPECT_EQ(offset("America/New_York", "2026-11-01T05:59:59Z"), -14400);
  EXPECT_EQ(offset("America/New_York", "2026-11-01T06:00:00Z"), -18000);
  EXPECT_EQ(offset("Europe/Berlin", "2026-01-15T12:00:00Z"), 3600);
  EXPECT_EQ(offset("Europe/Berlin", "2026-07-15T12:00:00Z"), 7200);
  EXPECT_EQ(offset("Australia/Sydney", "2026-01-15T00:00:00Z"), 39600);
  EXPECT_EQ(offset("Australia/Sydney", "2026-07-15T00:00:00Z"), 36000);
  EXPECT_EQ(offset("Asia/Kolkata", "2026-01-15T00:00:00Z"), 19800);
  EXPECT_EQ(offset("Asia/Tehran", "2026-06-01T00:00:00Z"), 12600);
  EXPECT_EQ(offset("Etc/GMT+5", "2026-06-01T00:00:00Z"), -18000);
  EXPECT_EQ(offset("UTC", "2026-06-01T00:00:00Z"), 0);
  EXPECT_EQ(offset("Etc/UTC", "2026-06-01T00:00:00Z"), 0);
}

TEST(TimeZone, FarFutureFollowsTheRuleAtTheEndOfTheFile) {
  EXPECT_EQ(offset("America/New_York", "2045-07-01T00:00:00Z"), -14400);
  EXPECT_EQ(offset("America/New_York", "2300-01-01T00:00:00Z"), -18000);
  EXPECT_EQ(offset("America/New_York", "2300-07-01T00:00:00Z"), -14400);
  EXPECT_EQ(offset("Europe/Berlin", "2045-01-01T00:00:00Z"), 3600);
  EXPECT_EQ(offset("Europe/Berlin", "2045-07-01T00:00:00Z"), 7200);
  EXPECT_EQ(offset("Australia/Sydney", "2050-01-15T00:00:00Z"), 39600);
  EXPECT_EQ(offset("Australia/Sydney", "2050-07-15T00:00:00Z"), 36000);
  // Negative daylight saving: Irish standard time is summer time, GMT the winter "daylight".
  EXPECT_EQ(offset("Europe/Dublin", "2045-01-15T00:00:00Z"), 0);
  EXPECT_EQ(offset("Europe/Dublin", "2045-07-15T00:00:00Z"), 3600);
  // Switches at negative local times (-01:00 and 00:00): "<-02>2<-01>,M3.5.0/-1,M10.5.0/0".
  EXPECT_EQ(offset("America/Nuuk", "2030-03-31T00:59:59Z"), -7200);
  EXPECT_EQ(offset("America/Nuuk", "2030-03-31T01:00:00Z"), -3600);
  EXPECT_EQ(offset("America/Nuuk", "2030-10-27T00:59:59Z"), -3600);
  EXPECT_EQ(offset("America/Nuuk", "2030-10-27T01:00:00Z"), -7200);
}

TEST(TimeZone, MapsLocalWallTimes) {
  const auto newYork = zone("America/New_York");
  const auto unique = newYork->mapLocal(seconds("2026-06-01T12:00:00Z"));
  EXPECT_EQ(unique.kind, LocalTimeMapping::Kind::Unique);
  EXPECT_EQ(unique.first, seconds("2026-06-01T16:00:00Z"));
  EXPECT_EQ(unique.second, unique.first);

  const auto gap = newYork->mapLocal(seconds("2026-03-08T02:30:00Z"));
  EXPECT_EQ(gap.kind, LocalTimeMapping::Kind::Nonexistent);
  EXPECT_EQ(gap.first, seconds("2026-03-08T07:00:00Z"));   // the end of the gap
  EXPECT_EQ(gap.second, seconds("2026-03-08T07:30:00Z"));  // read with the offset before it

  const auto overlap = newYork->mapLocal(seconds("2026-11-01T01:30:00Z"));
  EXPECT_EQ(overlap.kind, LocalTimeMapping::Kind::Ambiguous);
  EXPECT_EQ(overlap.first, seconds("2026-11-01T05:30:00Z"));
  EXPECT_EQ(overlap.second, seconds("2026-11-01T06:30:00Z"));

  const auto sydneyGap = zone("Australia/Sydney")->mapLocal(seconds("2026-10-04T02:30:00Z"));
  EXPECT_EQ(sydneyGap.kind, LocalTimeMapping::Kind::Nonexistent);
  EXPECT_EQ(sydneyGap.first, seconds("2026-10-03T16:00:00Z"));
  EXPECT_EQ(sydneyGap.second, seconds("2026-10-03T16:30:00Z"));

  // Lord Howe Island moves its clocks by 30 minutes.
  const auto lordHowe = zone("Australia/Lord_Howe")->mapLocal(seconds("2026-10-04T02:15:00Z"));
  EXPECT_EQ(lordHowe.kind, LocalTimeMapping::Kind::Nonexistent);
  EXPECT_EQ(lordHowe.first, seconds("2026-10-03T15:30:00Z"));
  EXPECT_EQ(lordHowe.second, seconds("2026-10-03T15:45:00Z"));

  const auto berlinOverlap = zone("Europe/Berlin")->mapLocal(seconds("2045-10-29T02:30:00Z"));
  EXPECT_EQ(berlinOverlap.kind, LocalTimeMapping::Kind::Ambiguous);
  EXPECT_EQ(berlinOverlap.first, seconds("2045-10-29T00:30:00Z"));
  EXPECT_EQ(berlinOverlap.second, seconds("2045-10-29T01:30:00Z"));
}

TEST(TimeZone, RefusesNamesThatAreNotZones) {
  for (const char* name :
       {"../../etc/passwd", "/etc/localtime", "America/../Europe/Berlin", "America/New York",
        "Europe/Berlin\n", "", "America/New_York;", "zone.tab"}) {
    const auto loaded = loadTimeZone(name);
    ASSERT_FALSE(loaded.ok()) << name;
    EXPECT_EQ(loaded.error().code, "INVALID_REQUEST");
    EXPECT_EQ(loaded.error().message,
              "not an IANA time zone name (letters, digits, '_', '+', '-' and '/' only, no "
              "'..', not a path)");
  }
  for (const char* name : {"Mars/Olympus_Mons", "America", "america/new_york", "leapseconds"}) {
    const auto loaded = loadTimeZone(name);
    ASSERT_FALSE(loaded.ok()) << name;
    EXPECT_EQ(loaded.error().message, std::string("unknown time zone '") + name + "'");
  }
}

TEST(TimeZone, CachesLoadedZones) {
  const auto first = loadTimeZone("Asia/Tokyo");
  const auto second = loadTimeZone("Asia/Tokyo");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->get(), second->get());
  EXPECT_EQ((*first)->name(), "Asia/Tokyo");
}

// A TZif v2 file with no transitions and the rule `footer`.
std::string tzifWithRule(const std::string& footer, std::int32_t utcOffset) {
  auto header = [](char version) {
    std::string bytes = std::string("TZif") + version + std::string(15, '\0');
    const std::uint32_t counts[] = {0, 0, 0, 0, 1, 4};  // isut isstd leap time type char
    for (std::uint32_t count : counts) {
      for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>(count >> shift);
    }
    return bytes;
  };
  std::string type;
  for (int shift = 24; shift >= 0; shift -= 8) {
    type += static_cast<char>(static_cast<std::uint32_t>(utcOffset) >> shift);
  }
  type += std::string("\0\0", 2) + std::string("ABC\0", 4);
  return header('2') + type + header('2') + type + "\n" + footer + "\n";
}

TEST(TimeZone, ParsesTzifBytes) {
  const auto parsed = parseTzif(tzifWithRule("<+05>-5", 18000), "Test/Plus5");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->offsetAt(seconds("2026-01-01T00:00:00Z")), 18000);
  EXPECT_EQ(parsed->name(), "Test/Plus5");

  const auto withDst = parseTzif(tzifWithRule("EST5EDT,M3.2.0,M11.1.0", -18000), "Test/Dst");
  ASSERT_TRUE(withDst.has_value());
  EXPECT_EQ(withDst->offsetAt(seconds("2026-07-01T00:00:00Z")), -14400);

  const std::string good = tzifWithRule("<+05>-5", 18000);
  EXPECT_FALSE(parseTzif("", "x").has_value());
  EXPECT_FALSE(parseTzif("TZjf" + good.substr(4), "x").has_value());
  EXPECT_FALSE(parseTzif(good.substr(0, 60), "x").has_value());               // truncated
  EXPECT_FALSE(parseTzif(tzifWithRule("not a rule", 0), "x").has_value());    // bad footer
  EXPECT_FALSE(parseTzif(good.substr(0, good.size() - 9), "x").has_value());  // no footer line
}

TEST(TimeZone, HostZoneFromTzVariable) {
  EXPECT_EQ(resolveHostTimeZone(":Europe/Berlin", "/nonexistent")->name(), "Europe/Berlin");
  EXPECT_EQ(resolveHostTimeZone("Asia/Tokyo", "/nonexistent")->name(), "Asia/Tokyo");
  const auto path = resolveHostTimeZone("/usr/share/zoneinfo/Asia/Tokyo", "/nonexistent");
  EXPECT_EQ(path->offsetAt(seconds("2026-01-01T00:00:00Z")), 32400);
  const auto rule = resolveHostTimeZone("XST5XDT,M3.2.0,M11.1.0", "/nonexistent");
  EXPECT_EQ(rule->offsetAt(seconds("2026-01-01T00:00:00Z")), -18000);
  EXPECT_EQ(rule->offsetAt(seconds("2026-07-01T00:00:00Z")), -14400);
  EXPECT_EQ(resolveHostTimeZone("", "/usr/share/zoneinfo/Asia/Tokyo")->name(), "UTC");
  EXPECT_EQ(resolveHostTimeZone("!!", "/usr/share/zoneinfo/Asia/Tokyo")->name(), "UTC");
}

TEST(TimeZone, HostZoneFromLocaltimeLink) {
  testsupport::TempDir dir;
  const auto link = dir.path() / "localtime";
  std::filesystem::create_symlink("/usr/share/zoneinfo/America/Sao_Paulo", link);
  const auto host = resolveHostTimeZone(std::nullopt, link);
  EXPECT_EQ(host->name(), "America/Sao_Paulo");
  EXPECT_EQ(host->offsetAt(seconds("2026-01-01T00:00:00Z")), -10800);
  EXPECT_EQ(resolveHostTimeZone(std::nullopt, dir.path() / "missing")->name(), "UTC");
}

TEST(PosixTzRule, StandardAndDaylightSwitches) {
  const auto us = parsePosixTzRule("EST5EDT,M3.2.0,M11.1.0");
  ASSERT_TRUE(us.has_value());
  EXPECT_EQ(us->standardOffset, -18000);
  EXPECT_EQ(us->offsetAt(seconds("2030-03-10T06:59:59Z")), -18000);
  EXPECT_EQ(us->offsetAt(seconds("2030-03-10T07:00:00Z")), -14400);
  EXPECT_EQ(us->offsetAt(seconds("2030-11-03T05:59:59Z")), -14400);
  EXPECT_EQ(us->offsetAt(seconds("2030-11-03T06:00:00Z")), -18000);

  // Without switch days: the US rule.
  const auto defaulted = parsePosixTzRule("EST5EDT");
  ASSERT_TRUE(defaulted.has_value());
  EXPECT_EQ(defaulted->offsetAt(seconds("2030-03-10T07:00:00Z")), -14400);

  const auto tehran = parsePosixTzRule("<+0330>-3:30");
  ASSERT_TRUE(tehran.has_value());
  EXPECT_FALSE(tehran->daylight.has_value());
  EXPECT_EQ(tehran->offsetAt(0), 12600);

  const auto sydney = parsePosixTzRule("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(sydney.has_value());
  EXPECT_EQ(sydney->offsetAt(seconds("2030-01-01T00:00:00Z")), 39600);
  EXPECT_EQ(sydney->offsetAt(seconds("2030-07-01T00:00:00Z")), 36000);

  const auto explicitOffset = parsePosixTzRule("<+01>-1<+02>-2:30:15,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(explicitOffset.has_value());
  EXPECT_EQ(explicitOffset->daylight->offset, 9015);
}

TEST(PosixTzRule, JulianDayForms) {
  // Jn never counts February 29: J60 is March 1, also in 2028.
  const auto julian = parsePosixTzRule("XXX3YYY,J60,J300");
  ASSERT_TRUE(julian.has_value());
  EXPECT_EQ(julian->offsetAt(seconds("2028-03-01T04:59:59Z")), -10800);
  EXPECT_EQ(julian->offsetAt(seconds("2028-03-01T05:00:00Z")), -7200);
  // n counts from 0 and counts February 29: day 59 is February 29 in 2028, March 1 in 2027.
  const auto zeroBased = parsePosixTzRule("XXX3YYY,59,300");
  ASSERT_TRUE(zeroBased.has_value());
  EXPECT_EQ(zeroBased->offsetAt(seconds("2028-02-29T05:00:00Z")), -7200);
  EXPECT_EQ(zeroBased->offsetAt(seconds("2027-02-28T12:00:00Z")), -10800);
  EXPECT_EQ(zeroBased->offsetAt(seconds("2027-03-01T05:00:00Z")), -7200);
  // Daylight time all year (RFC 8536's example of an hour past the end of the year).
  const auto permanent = parsePosixTzRule("EST5EDT,0/0,J365/25");
  ASSERT_TRUE(permanent.has_value());
  EXPECT_EQ(permanent->offsetAt(seconds("2030-01-01T06:00:00Z")), -14400);
  EXPECT_EQ(permanent->offsetAt(seconds("2030-06-01T00:00:00Z")), -14400);
  EXPECT_EQ(permanent->offsetAt(seconds("2030-12-31T23:00:00Z")), -14400);
}

TEST(PosixTzRule, RefusesMalformedRules) {
  for (const char* text :
       {"", "E5", "EST", "EST+", "EST25", "<+0330", "<>3", "EST5EDT,M13.1.0,M11.1.0",
        "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3.2.0",
        "EST5EDT,M3.2.0,M11.1.0x", "EST5EDT,J0,J300", "EST5EDT,366,300",
        "EST5EDT,M3.2.0/168,M11.1.0", "EST5:60"}) {
    EXPECT_FALSE(parsePosixTzRule(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace openclaw::automation
