#include "core/text.h"

namespace openclaw::core {

std::string trimmed(const std::string& text) {
  constexpr const char* kWhitespace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

}  // namespace openclaw::core
