#pragma once

#include <string>

namespace openclaw::core {

// `text` without leading and trailing ASCII whitespace.
std::string trimmed(const std::string& text);

}  // namespace openclaw::core
