#include "core/duration_text.h"

#include <cctype>
#include <cmath>
#include <string>

#include "core/text.h"

namespace openclaw::core {
namespace {

std::optional<double> unitMs(std::string_view unit) {
  if (unit == "ms") return 1.0;
  if (unit == "s") return 1e3;
  if (unit == "m") return 6e4;
  if (unit == "h") return 3.6e6;
  if (unit == "d") return 8.64e7;
  return std::nullopt;
}

// Reads "<digits>[.<digits>]" at `pos`; nullopt when there is no such number.
std::optional<double> readNumber(const std::string& text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
  if (pos == start) return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {
    const std::size_t fraction = ++pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == fraction) return std::nullopt;
  }
  return std::stod(text.substr(start, pos - start));
}

std::string_view readUnit(const std::string& text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
  return std::string_view(text).substr(start, pos - start);
}

}  // namespace

std::optional<std::int64_t> parseDurationText(std::string_view input,
                                              std::string_view defaultUnit) {
  const std::string text = asciiLowercase(trimmed(std::string(input)));
  if (text.empty()) return std::nullopt;
  double total = 0;
  std::size_t pos = 0;
  for (int segment = 0; pos < text.size(); ++segment) {
    const std::optional<double> value = readNumber(text, pos);
    if (!value) return std::nullopt;
    std::string_view unit = readUnit(text, pos);
    // Only a lone number may leave its unit out.
    if (unit.empty()) {
      if (segment > 0 || pos < text.size()) return std::nullopt;
      unit = defaultUnit;
    }
    const std::optional<double> scale = unitMs(unit);
    if (!scale) return std::nullopt;
    total += *value * *scale;
  }
  const double rounded = std::round(total);
  if (!(rounded <= static_cast<double>(kMaxDurationTextMs))) return std::nullopt;
  return static_cast<std::int64_t>(rounded);
}

}  // namespace openclaw::core
