#include "core/durations.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <string>

namespace openclaw::core {
namespace {

using std::chrono::milliseconds;

milliseconds clampedCount(std::int64_t count, milliseconds unit, milliseconds max) {
  if (count <= 0) return milliseconds(0);
  if (count > max.count() / unit.count()) return max;
  return count * unit;
}

// The length of the unit named by `name` ("ms", "s", "m", "h", "d"), or nullopt.
std::optional<milliseconds> unitNamed(std::string_view name) {
  if (name == "ms") return milliseconds(1);
  if (name == "s") return std::chrono::seconds(1);
  if (name == "m") return std::chrono::minutes(1);
  if (name == "h") return std::chrono::hours(1);
  if (name == "d") return std::chrono::hours(24);
  return std::nullopt;
}

bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Reads "<digits>[.<digits>]" at `at`; advances it. Nullopt when no number starts there.
std::optional<double> numberAt(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  while (at < text.size() && isDigit(text[at])) ++at;
  if (at == start) return std::nullopt;
  if (at < text.size() && text[at] == '.') {
    const std::size_t fraction = ++at;
    while (at < text.size() && isDigit(text[at])) ++at;
    if (at == fraction) return std::nullopt;
  }
  return std::stod(std::string(text.substr(start, at - start)));
}

}  // namespace

std::optional<milliseconds> parseDurationText(std::string_view text, milliseconds defaultUnit,
                                              milliseconds max) {
  std::string lowered;
  for (char c : text) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto first = lowered.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::nullopt;
  const std::string_view body =
      std::string_view(lowered).substr(first, lowered.find_last_not_of(" \t\r\n") - first + 1);
  double totalMs = 0;
  std::size_t at = 0;
  int parts = 0;
  while (at < body.size()) {
    const std::optional<double> count = numberAt(body, at);
    if (!count) return std::nullopt;
    std::size_t unitEnd = at;
    while (unitEnd < body.size() && std::isalpha(static_cast<unsigned char>(body[unitEnd]))) {
      ++unitEnd;
    }
    std::optional<milliseconds> unit = unitNamed(body.substr(at, unitEnd - at));
    if (unitEnd == at) unit = parts == 0 && unitEnd == body.size() ? defaultUnit : unit;
    if (!unit) return std::nullopt;
    totalMs += *count * static_cast<double>(unit->count());
    at = unitEnd;
    ++parts;
  }
  return clampedDuration(totalMs, milliseconds(1), max);
}

milliseconds clampedMillis(std::int64_t count, milliseconds max) {
  return clampedCount(count, milliseconds(1), max);
}

milliseconds clampedSeconds(std::int64_t count, milliseconds max) {
  return clampedCount(count, std::chrono::seconds(1), max);
}

milliseconds clampedDuration(double count, milliseconds unit, milliseconds max) {
  if (!(count > 0)) return milliseconds(0);
  const double total = count * static_cast<double>(unit.count());
  if (total >= static_cast<double>(max.count())) return max;
  return milliseconds(static_cast<std::int64_t>(std::ceil(total)));
}

milliseconds clampedDuration(const nlohmann::json& count, milliseconds unit, milliseconds max) {
  if (count.is_number_unsigned()) {
    const auto value = count.get<std::uint64_t>();
    constexpr auto kLargest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return value > kLargest ? max : clampedCount(static_cast<std::int64_t>(value), unit, max);
  }
  if (count.is_number_integer()) return clampedCount(count.get<std::int64_t>(), unit, max);
  if (count.is_number_float()) return clampedDuration(count.get<double>(), unit, max);
  return milliseconds(0);
}

milliseconds durationParam(const nlohmann::json& params, const char* key, milliseconds unit,
                           milliseconds absent, milliseconds max) {
  const auto found = params.find(key);
  return found == params.end() ? absent : clampedDuration(*found, unit, max);
}

}  // namespace openclaw::core
