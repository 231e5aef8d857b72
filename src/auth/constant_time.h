#pragma once

#include <string_view>

namespace openclaw::auth {

// Compares two secrets in time that depends on neither their contents nor where they differ:
// both sides are hashed (SHA-256) first, so even the length of the expected secret stays hidden.
bool secretsEqual(std::string_view presented, std::string_view expected);

}  // namespace openclaw::auth
