#include "automation/cron_expression.h"

#include <array>
#include <sstream>
#include <string_view>
#include <vector>

#include "automation/civil_time.h"
#include "core/text.h"

namespace openclaw::automation {
namespace {

using protocol::GatewayError;

constexpr std::size_t kMaxExpressionLength = 256;
// How far ahead a next fire is searched for ("0 0 30 2 *" never matches; "0 12 29 2 *" waits
// up to 8 years across a skipped leap day in 2100).
constexpr std::int64_t kSearchDays = 8 * 366;
// Matching wall times passed over in one search because their instant is not after the start
// (the repeated hour of a fall-back: at most 3600 for an every-second expression).
constexpr int kMaxPassedOver = 10000;

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED",
                                                       "THU", "FRI", "SAT"};

struct FieldRule {
  const char* name;
  int min;
  int max;
  int maxStep;    // the number of distinct values (7 = 0 for the weekdays)
  bool dayField;  // takes '?' for '*'
  const std::string_view* names = nullptr;
  std::size_t nameCount = 0;
  int firstNameValue = 0;
};

constexpr FieldRule kSecond{"second", 0, 59, 60, false};
constexpr FieldRule kMinute{"minute", 0, 59, 60, false};
constexpr FieldRule kHour{"hour", 0, 23, 24, false};
constexpr FieldRule kDayOfMonth{"day-of-month", 1, 31, 31, true};
constexpr FieldRule kMonth{"month", 1, 12, 12, false, kMonthNames.data(), kMonthNames.size(), 1};
constexpr FieldRule kDayOfWeek{"day-of-week", 0, 7, 7, true, kDayNames.data(), kDayNames.size(), 0};

GatewayError fieldError(const FieldRule& field, const std::string& token,
                        const std::string& problem) {
  return GatewayError::invalidRequest(std::string(field.name) + " field '" + token + "' " +
                                      problem);
}

std::string rangeText(const FieldRule& field) {
  return std::to_string(field.min) + "-" + std::to_string(field.max);
}

// One value of `item` (a number, or a name where the field has names); errors quote the item.
protocol::Result<int> parseValue(const FieldRule& field, const std::string& token,
                                 const std::string& item) {
  if (!token.empty() && token.size() <= 4 &&
      token.find_first_not_of("0123456789") == std::string::npos) {
    const int value = std::stoi(token);
    if (value < field.min || value > field.max) {
      return fieldError(field, item, "out of range " + rangeText(field));
    }
    return value;
  }
  const std::string upper = [&] {
    std::string text = token;
    for (char& c : text) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return text;
  }();
  for (std::size_t i = 0; i < field.nameCount; ++i) {
    if (upper == field.names[i]) return field.firstNameValue + static_cast<int>(i);
  }
  if (field.dayField && upper.find_first_of("LW#") != std::string::npos) {
    return fieldError(field, item,
                      "uses L, W or # (last day, nearest weekday, nth weekday), which this "
                      "gateway does not support");
  }
  if (token.find('+') != std::string::npos) {
    return fieldError(field, item, "has '+', which only goes in front of the day-of-week field");
  }
  return fieldError(field, item,
                    field.nameCount > 0
                        ? "is not a number or a name (" + std::string(field.names[0]) + "-" +
                              std::string(field.names[field.nameCount - 1]) + ")"
                        : std::string("is not a number"));
}

// One list item: `*`, `a`, `a-b`, each with an optional `/step` (`a/step` runs to the maximum).
protocol::Result<std::uint64_t> parseItem(const FieldRule& field, const std::string& item) {
  const auto parts = core::splitOn(item, '/');
  if (parts.size() > 2) return fieldError(field, item, "has more than one '/'");
  const std::string& base = parts[0];
  int step = 1;
  if (parts.size() == 2) {
    const int count = field.maxStep;
    const std::string& stepText = parts[1];
    if (stepText.empty() || stepText.size() > 4 ||
        stepText.find_first_not_of("0123456789") != std::string::npos || std::stoi(stepText) < 1 ||
        std::stoi(stepText) > count) {
      return fieldError(field, item, "step must be a number 1-" + std::to_string(count));
    }
    step = std::stoi(stepText);
  }
  int low = field.min;
  int high = field.max;
  if (base.empty()) return fieldError(field, item, "has an empty value");
  if (base != "*" && !(field.dayField && base == "?")) {
    const auto dash = base.find('-');
    const auto first = parseValue(field, base.substr(0, dash), item);
    if (!first.ok()) return first.error();
    low = *first;
    high = parts.size() == 2 ? field.max : low;
    if (dash != std::string::npos) {
      const auto last = parseValue(field, base.substr(dash + 1), item);
      if (!last.ok()) return last.error();
      if (*last < low) return fieldError(field, item, "is a range that runs backwards");
      high = *last;
    }
  }
  std::uint64_t bits = 0;
  for (int value = low; value <= high; value += step) bits |= std::uint64_t{1} << value;
  return bits;
}

protocol::Result<std::uint64_t> parseField(const FieldRule& field, const std::string& text) {
  std::uint64_t bits = 0;
  for (const std::string& item : core::splitOn(text, ',')) {
    if (item.empty()) return fieldError(field, text, "has an empty list item");
    const auto itemBits = parseItem(field, item);
    if (!itemBits.ok()) return itemBits.error();
    bits |= *itemBits;
  }
  return bits;
}

std::vector<std::string> splitFields(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> fields;
  for (std::string field; in >> field;) fields.push_back(field);
  return fields;
}

std::optional<std::string> nicknameExpression(const std::string& nickname) {
  const std::string name = core::asciiLowercase(nickname);
  if (name == "@yearly" || name == "@annually") return "0 0 1 1 *";
  if (name == "@monthly") return "0 0 1 * *";
  if (name == "@weekly") return "0 0 * * 0";
  if (name == "@daily" || name == "@midnight") return "0 0 * * *";
  if (name == "@hourly") return "0 * * * *";
  return std::nullopt;
}

bool isWildcard(const std::string& field) { return field == "*" || field == "?"; }

}  // namespace

protocol::Result<CronExpression> CronExpression::parse(const std::string& text) {
  std::string source = core::trimmed(text);
  if (source.size() > kMaxExpressionLength) {
    return GatewayError::invalidRequest("is longer than " + std::to_string(kMaxExpressionLength) +
                                        " characters");
  }
  if (!source.empty() && source.front() == '@') {
    const auto expanded = nicknameExpression(source);
    if (!expanded) {
      return GatewayError::invalidRequest(
          "'" + source +
          "' is not a known nickname (@yearly, @annually, @monthly, @weekly, @daily, "
          "@midnight, @hourly)");
    }
    source = *expanded;
  }
  std::vector<std::string> fields = splitFields(source);
  if (fields.size() == 5) fields.insert(fields.begin(), "0");
  if (fields.size() != 6) {
    return GatewayError::invalidRequest(
        "has " + std::to_string(fields.size()) +
        " fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (second first)");
  }
  std::string& dayOfWeek = fields[5];
  const bool bothDays = !dayOfWeek.empty() && dayOfWeek.front() == '+';
  if (bothDays) dayOfWeek.erase(0, 1);

  CronExpression expression;
  const std::array<const FieldRule*, 6> rules = {&kSecond,     &kMinute, &kHour,
                                                 &kDayOfMonth, &kMonth,  &kDayOfWeek};
  std::array<std::uint64_t, 6> bits{};
  for (std::size_t i = 0; i < rules.size(); ++i) {
    auto parsed = parseField(*rules[i], fields[i]);
    if (!parsed.ok()) return parsed.error();
    bits[i] = *parsed;
  }
  expression.seconds_ = std::bitset<60>(bits[0]);
  expression.minutes_ = std::bitset<60>(bits[1]);
  expression.hours_ = std::bitset<24>(bits[2]);
  expression.daysOfMonth_ = std::bitset<32>(bits[3]);
  expression.months_ = std::bitset<13>(bits[4]);
  // 7 is Sunday too.
  expression.daysOfWeek_ = std::bitset<7>((bits[5] | (bits[5] >> 7)) & 0x7f);
  expression.eitherDay_ = !bothDays && !isWildcard(fields[3]) && !isWildcard(dayOfWeek);
  return expression;
}

std::optional<std::int64_t> CronExpression::nextAfter(std::int64_t afterMs,
                                                      const TimeZone& zone) const {
  const std::int64_t start = floorDiv(afterMs, 1000) + 1;
  std::int64_t wall = start + zone.offsetAt(start);
  const std::int64_t lastDay = floorDiv(wall, 86400) + kSearchDays;
  for (int passed = 0; passed < kMaxPassedOver; ++passed) {
    const auto match = nextMatchingWall(wall, lastDay);
    if (!match) return std::nullopt;
    const LocalTimeMapping mapping = zone.mapLocal(*match);
    const std::int64_t instant =
        mapping.kind == LocalTimeMapping::Kind::Nonexistent ? mapping.second : mapping.first;
    if (instant * 1000 > afterMs) return instant * 1000;
    wall = *match + 1;  // a repeated wall time whose first occurrence has passed
  }
  return std::nullopt;
}

std::optional<std::int64_t> CronExpression::nextMatchingWall(std::int64_t wall,
                                                             std::int64_t lastDay) const {
  std::int64_t day = floorDiv(wall, 86400);
  std::int64_t secondOfDay = wall - day * 86400;
  while (day <= lastDay) {
    const CivilDate date = civilFromDays(day);
    if (!months_[static_cast<std::size_t>(date.month)]) {
      day = date.month == 12 ? daysFromCivil(date.year + 1, 1, 1)
                             : daysFromCivil(date.year, date.month + 1, 1);
      secondOfDay = 0;
      continue;
    }
    if (dayMatches(day)) {
      if (const auto time = firstTimeOfDay(secondOfDay)) return day * 86400 + *time;
    }
    ++day;
    secondOfDay = 0;
  }
  return std::nullopt;
}

std::optional<std::int64_t> CronExpression::firstTimeOfDay(std::int64_t fromSecondOfDay) const {
  const std::int64_t fromHour = fromSecondOfDay / 3600;
  const std::int64_t fromMinute = fromSecondOfDay / 60 % 60;
  const std::int64_t fromSecond = fromSecondOfDay % 60;
  for (std::int64_t hour = fromHour; hour < 24; ++hour) {
    if (!hours_[static_cast<std::size_t>(hour)]) continue;
    for (std::int64_t minute = hour == fromHour ? fromMinute : 0; minute < 60; ++minute) {
      if (!minutes_[static_cast<std::size_t>(minute)]) continue;
      const bool first = hour == fromHour && minute == fromMinute;
      for (std::int64_t second = first ? fromSecond : 0; second < 60; ++second) {
        if (seconds_[static_cast<std::size_t>(second)]) return hour * 3600 + minute * 60 + second;
      }
    }
  }
  return std::nullopt;
}

bool CronExpression::dayMatches(std::int64_t day) const {
  const bool dayOfMonth = daysOfMonth_[static_cast<std::size_t>(civilFromDays(day).day)];
  const bool dayOfWeek = daysOfWeek_[static_cast<std::size_t>(weekdayOfDay(day))];
  return eitherDay_ ? (dayOfMonth || dayOfWeek) : (dayOfMonth && dayOfWeek);
}

}  // namespace openclaw::automation
