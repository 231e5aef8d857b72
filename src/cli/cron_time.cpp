#include "cli/cron_time.h"

#include <chrono>
#include <regex>

#include "automation/time_zone.h"
#include "core/clock.h"
#include "core/durations.h"
#include "core/text.h"

namespace openclaw::cli {
namespace {

// A wall-clock date-time as written, before any zone applies.
struct CivilTime {
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
};

struct IsoTime {
  CivilTime civil;
  std::optional<std::int64_t> offsetMs;  // set when the text carries Z or ±hh:mm
};

int number(const std::ssub_match& match) { return match.matched ? std::stoi(match.str()) : 0; }

std::optional<IsoTime> parseIso(const std::string& text) {
  static const std::regex pattern(
      R"(^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|([+-])(\d{2}):?(\d{2}))?)?$)");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return std::nullopt;
  IsoTime time;
  CivilTime& civil = time.civil;
  civil.year = number(match[1]);
  civil.month = static_cast<unsigned>(number(match[2]));
  civil.day = static_cast<unsigned>(number(match[3]));
  civil.hour = static_cast<unsigned>(number(match[4]));
  civil.minute = static_cast<unsigned>(number(match[5]));
  civil.second = static_cast<unsigned>(number(match[6]));
  if (match[7].matched) {
    std::string fraction = match[7].str().substr(1, 3);
    fraction.resize(3, '0');
    civil.millis = static_cast<unsigned>(std::stoi(fraction));
  }
  const std::chrono::year_month_day date{
      std::chrono::year(civil.year), std::chrono::month(civil.month), std::chrono::day(civil.day)};
  if (!date.ok() || civil.hour > 23 || civil.minute > 59 || civil.second > 59) {
    return std::nullopt;
  }
  if (match[8].matched) {
    const int hours = number(match[10]);
    const int minutes = number(match[11]);
    if (hours > 23 || minutes > 59) return std::nullopt;
    const std::int64_t offset = (hours * 60 + minutes) * 60'000LL;
    time.offsetMs = match[9].str() == "-" ? -offset : offset;
  }
  return time;
}

// The civil time read as UTC, in ms since the epoch.
std::int64_t utcMs(const CivilTime& civil) {
  const std::chrono::sys_days days{std::chrono::year_month_day{
      std::chrono::year(civil.year), std::chrono::month(civil.month), std::chrono::day(civil.day)}};
  return std::chrono::duration_cast<std::chrono::milliseconds>(days.time_since_epoch()).count() +
         ((civil.hour * 60LL + civil.minute) * 60 + civil.second) * 1000 + civil.millis;
}

// The civil time as wall time in `tz`, in ms since the epoch: its first occurrence when the
// zone repeats it (fall back), nullopt when the zone skips it (spring forward), as upstream.
std::optional<std::int64_t> zonedMs(const CivilTime& civil, const std::string& tz) {
  const auto zone = automation::loadTimeZone(tz);
  if (!zone) return std::nullopt;
  const automation::LocalTimeMapping mapping = (*zone)->mapLocal(utcMs(civil) / 1000);
  if (mapping.kind == automation::LocalTimeMapping::Kind::Nonexistent) return std::nullopt;
  return mapping.first * 1000 + civil.millis;
}

bool allDigits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool isKnownTimeZone(const std::string& tz) { return automation::loadTimeZone(tz).ok(); }

std::optional<std::int64_t> durationMs(std::string_view text) {
  const auto duration =
      core::parseDurationText(text, std::chrono::milliseconds(1), core::kMaxScheduleDuration);
  if (!duration) return std::nullopt;
  return duration->count();
}

std::optional<std::string> resolveAtTime(const std::string& when, const std::string& tz,
                                         std::int64_t nowMs) {
  const std::string text = core::trimmed(when);
  if (text.empty()) return std::nullopt;
  if (allDigits(text)) {
    if (text.size() > 16) return std::nullopt;
    const std::int64_t ms = std::stoll(text);
    if (ms <= 0 || ms > core::kMaxScheduleDuration.count()) return std::nullopt;
    return core::isoTimeUtc(ms);
  }
  if (const std::optional<IsoTime> iso = parseIso(text)) {
    if (iso->offsetMs) return core::isoTimeUtc(utcMs(iso->civil) - *iso->offsetMs);
    if (tz.empty()) return core::isoTimeUtc(utcMs(iso->civil));
    const std::optional<std::int64_t> ms = zonedMs(iso->civil, tz);
    if (!ms) return std::nullopt;
    return core::isoTimeUtc(*ms);
  }
  const std::optional<std::int64_t> duration =
      durationMs(text.front() == '+' ? text.substr(1) : text);
  if (!duration || *duration <= 0 || *duration > core::kMaxScheduleDuration.count() - nowMs) {
    return std::nullopt;
  }
  return core::isoTimeUtc(nowMs + *duration);
}

}  // namespace openclaw::cli
