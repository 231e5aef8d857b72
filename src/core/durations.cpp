#include "core/durations.h"

#include <cmath>
#include <limits>

namespace openclaw::core {
namespace {

using std::chrono::milliseconds;

milliseconds clampedCount(std::int64_t count, milliseconds unit, milliseconds max) {
  if (count <= 0) return milliseconds(0);
  if (count > max.count() / unit.count()) return max;
  return count * unit;
}

}  // namespace

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
