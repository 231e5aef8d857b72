#include "automation/posix_tz_rule.h"

#include "automation/civil_time.h"

namespace openclaw::automation {
namespace {

// A cursor over the TZ text; every reader returns false on anything it does not expect.
class TzText {
 public:
  explicit TzText(std::string_view text) : text_(text) {}

  bool atEnd() const { return position_ == text_.size(); }
  bool peek(char c) const { return position_ < text_.size() && text_[position_] == c; }
  bool take(char c) {
    if (!peek(c)) return false;
    ++position_;
    return true;
  }

  // A zone abbreviation: three or more letters, or anything but '>' between angle brackets.
  bool name() {
    std::size_t start = position_;
    if (take('<')) {
      while (position_ < text_.size() && text_[position_] != '>') ++position_;
      return position_ - start >= 2 && take('>');
    }
    while (position_ < text_.size() && isLetter(text_[position_])) ++position_;
    return position_ - start >= 3;
  }

  // [+-]hh[:mm[:ss]] with hours up to maxHours, as seconds.
  bool duration(int maxHours, std::int32_t& seconds) {
    int sign = 1;
    if (take('-')) {
      sign = -1;
    } else {
      take('+');
    }
    int hours = 0;
    int minutes = 0;
    int secs = 0;
    if (!number(0, maxHours, hours)) return false;
    if (take(':')) {
      if (!number(0, 59, minutes)) return false;
      if (take(':') && !number(0, 59, secs)) return false;
    }
    seconds = sign * (hours * 3600 + minutes * 60 + secs);
    return true;
  }

  bool number(int min, int max, int& value) {
    std::size_t start = position_;
    value = 0;
    while (position_ < text_.size() && text_[position_] >= '0' && text_[position_] <= '9' &&
           position_ - start < 4) {
      value = value * 10 + (text_[position_] - '0');
      ++position_;
    }
    return position_ > start && value >= min && value <= max;
  }

  bool switchDay(PosixTzRule::SwitchDay& day) {
    if (take('M')) {
      day.form = PosixTzRule::SwitchDay::Form::MonthWeekDay;
      if (!number(1, 12, day.month) || !take('.') || !number(1, 5, day.week) || !take('.') ||
          !number(0, 6, day.day)) {
        return false;
      }
    } else if (take('J')) {
      day.form = PosixTzRule::SwitchDay::Form::JulianNoLeap;
      if (!number(1, 365, day.day)) return false;
    } else {
      day.form = PosixTzRule::SwitchDay::Form::JulianZeroBased;
      if (!number(0, 365, day.day)) return false;
    }
    day.time = 7200;
    return !take('/') || duration(167, day.time);
  }

 private:
  static bool isLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

  std::string_view text_;
  std::size_t position_ = 0;
};

// The local time (seconds since the epoch, read as if UTC) at which `day` switches in `year`.
std::int64_t switchLocalSeconds(const PosixTzRule::SwitchDay& day, int year) {
  const bool leap = isLeapYear(year);
  std::int64_t dayNumber = 0;
  switch (day.form) {
    case PosixTzRule::SwitchDay::Form::JulianNoLeap:
      dayNumber = daysFromCivil(year, 1, 1) + day.day - 1 + ((leap && day.day >= 60) ? 1 : 0);
      break;
    case PosixTzRule::SwitchDay::Form::JulianZeroBased:
      dayNumber = daysFromCivil(year, 1, 1) + day.day;
      break;
    case PosixTzRule::SwitchDay::Form::MonthWeekDay: {
      const std::int64_t first = daysFromCivil(year, day.month, 1);
      const int firstWeekday = weekdayOfDay(first);
      int dayOfMonth = 1 + (day.day - firstWeekday + 7) % 7 + (day.week - 1) * 7;
      const int length = daysInMonth(year, day.month);
      while (dayOfMonth > length) dayOfMonth -= 7;
      dayNumber = first + dayOfMonth - 1;
      break;
    }
  }
  return dayNumber * 86400 + day.time;
}

}  // namespace

std::int32_t PosixTzRule::offsetAt(std::int64_t utcSeconds) const {
  if (!daylight) return standardOffset;
  const int year = civilFromDays(floorDiv(utcSeconds + standardOffset, 86400)).year;
  const std::int64_t startUtc = switchLocalSeconds(daylight->start, year) - standardOffset;
  const std::int64_t endUtc = switchLocalSeconds(daylight->end, year) - daylight->offset;
  const bool inDaylight = startUtc < endUtc ? (utcSeconds >= startUtc && utcSeconds < endUtc)
                                            : !(utcSeconds >= endUtc && utcSeconds < startUtc);
  return inDaylight ? daylight->offset : standardOffset;
}

std::optional<PosixTzRule> parsePosixTzRule(std::string_view text) {
  TzText tz(text);
  PosixTzRule rule;
  std::int32_t west = 0;
  if (!tz.name() || !tz.duration(24, west)) return std::nullopt;
  rule.standardOffset = -west;
  if (tz.atEnd()) return rule;

  PosixTzRule::Daylight daylight;
  if (!tz.name()) return std::nullopt;
  daylight.offset = rule.standardOffset + 3600;
  if (!tz.peek(',') && !tz.atEnd()) {
    if (!tz.duration(24, west)) return std::nullopt;
    daylight.offset = -west;
  }
  if (tz.atEnd()) {
    daylight.start = {PosixTzRule::SwitchDay::Form::MonthWeekDay, 0, 3, 2, 7200};
    daylight.end = {PosixTzRule::SwitchDay::Form::MonthWeekDay, 0, 11, 1, 7200};
  } else if (!tz.take(',') || !tz.switchDay(daylight.start) || !tz.take(',') ||
             !tz.switchDay(daylight.end) || !tz.atEnd()) {
    return std::nullopt;
  }
  rule.daylight = daylight;
  return rule;
}

}  // namespace openclaw::automation
