#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>

#include "automation/time_zone.h"
#include "protocol/result.h"

namespace openclaw::automation {

// A cron expression as croner (upstream's cron library) reads it: 5 fields (minute hour
// day-of-month month day-of-week) or 6 (seconds first); `*`, lists, ranges, steps, month and
// weekday names, 7 = Sunday, `?` = `*` in the day fields, the nicknames @yearly @annually
// @monthly @weekly @daily @midnight @hourly. When both day fields are restricted a day matches
// either (Vixie cron); a '+' before the day-of-week field makes it both.
class CronExpression {
 public:
  // The expression, or INVALID_REQUEST saying what is wrong and where ("minute field '61' out of
  // range 0-59"); the caller puts the field path in front.
  static protocol::Result<CronExpression> parse(const std::string& text);

  // The first instant (ms) strictly after afterMs whose wall time in `zone` matches, or nullopt
  // when none comes within 8 years. A wall time skipped by a forward jump fires as far after the
  // jump as it lay after its start (02:30 in a 02:00-03:00 gap fires at 03:30), a wall time
  // repeated by a backward jump fires once, at its first occurrence (as croner).
  std::optional<std::int64_t> nextAfter(std::int64_t afterMs, const TimeZone& zone) const;

 private:
  // The first matching wall time (local seconds) at or after `wall`, before day `lastDay`.
  std::optional<std::int64_t> nextMatchingWall(std::int64_t wall, std::int64_t lastDay) const;
  std::optional<std::int64_t> firstTimeOfDay(std::int64_t fromSecondOfDay) const;
  bool dayMatches(std::int64_t day) const;

  std::bitset<60> seconds_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> daysOfMonth_;
  std::bitset<13> months_;
  std::bitset<7> daysOfWeek_;
  bool eitherDay_ = false;  // both day fields restricted and no '+': a day matches either
};

}  // namespace openclaw::automation
