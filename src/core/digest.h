#pragma once

#include <string>
#include <string_view>

namespace openclaw::core {

// The SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256Hex(std::string_view bytes);

}  // namespace openclaw::core
