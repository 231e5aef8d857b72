#include "core/text.h"

namespace openclaw::core {

std::string trimmed(const std::string& text) { return trimmed(text, " \t\r\n\f\v"); }

std::string trimmed(const std::string& text, std::string_view characters) {
  const auto first = text.find_first_not_of(characters);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(characters) - first + 1);
}

}  // namespace openclaw::core
