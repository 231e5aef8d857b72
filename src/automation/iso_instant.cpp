#include "automation/iso_instant.h"

#include <string_view>

#include "automation/civil_time.h"
#include "core/text.h"

namespace openclaw::automation {
namespace {

// Reads fixed-width digit groups and literal characters from the front of the text.
class IsoText {
 public:
  explicit IsoText(std::string_view text) : text_(text) {}

  bool atEnd() const { return text_.empty(); }
  bool take(char c) {
    if (text_.empty() || text_.front() != c) return false;
    text_.remove_prefix(1);
    return true;
  }
  bool takeEither(char a, char b) { return take(a) || take(b); }
  bool digits(std::size_t count, int& value) {
    if (text_.size() < count) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (text_[i] < '0' || text_[i] > '9') return false;
      value = value * 10 + (text_[i] - '0');
    }
    text_.remove_prefix(count);
    return true;
  }
  // A fraction's digits after the '.', as milliseconds (further digits are dropped).
  bool fractionMillis(int& millis) {
    std::size_t count = 0;
    millis = 0;
    while (count < text_.size() && text_[count] >= '0' && text_[count] <= '9') {
      if (count < 3) millis = millis * 10 + (text_[count] - '0');
      ++count;
    }
    for (std::size_t i = count; i < 3; ++i) millis *= 10;
    text_.remove_prefix(count);
    return count > 0;
  }

 private:
  std::string_view text_;
};

std::optional<std::int64_t> epochMillis(const std::string& text) {
  if (text.size() > 16) return std::nullopt;
  const std::int64_t value = std::stoll(text);
  return value > 0 && value <= kMaxTimestampMs ? std::optional<std::int64_t>(value) : std::nullopt;
}

// "Z", "+hh:mm", "+hhmm" (or the same with '-'), as seconds east of UTC; 0 when absent.
bool readOffset(IsoText& in, std::int64_t& offsetSeconds) {
  offsetSeconds = 0;
  if (in.atEnd() || in.takeEither('Z', 'z')) return true;
  int sign = 0;
  if (in.take('+')) sign = 1;
  if (sign == 0 && in.take('-')) sign = -1;
  int hours = 0;
  int minutes = 0;
  if (sign == 0 || !in.digits(2, hours)) return false;
  in.take(':');
  if (!in.digits(2, minutes) || hours > 23 || minutes > 59) return false;
  offsetSeconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

}  // namespace

std::optional<std::int64_t> parseIsoInstantMs(const std::string& input) {
  const std::string text = core::trimmed(input);
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of("0123456789") == std::string::npos) return epochMillis(text);

  IsoText in(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!in.digits(4, year) || !in.take('-') || !in.digits(2, month) || !in.take('-') ||
      !in.digits(2, day) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return std::nullopt;
  }
  std::int64_t offsetSeconds = 0;
  if (in.takeEither('T', 't')) {
    if (!in.digits(2, hour) || !in.take(':') || !in.digits(2, minute)) return std::nullopt;
    if (in.take(':')) {
      if (!in.digits(2, second)) return std::nullopt;
      if (in.take('.') && !in.fractionMillis(millis)) return std::nullopt;
    }
    if (!readOffset(in, offsetSeconds)) return std::nullopt;
    const bool endOfDay = hour == 24 && minute == 0 && second == 0 && millis == 0;
    if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return std::nullopt;
  }
  if (!in.atEnd()) return std::nullopt;
  const std::int64_t seconds =
      daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  return seconds * 1000 + millis;
}

}  // namespace openclaw::automation
