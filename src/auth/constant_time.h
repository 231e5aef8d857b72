#pragma once

#include <string_view>

namespace openclaw::auth {

// Compares two secrets in time that depends only on the length of the presented one: not on the
// expected secret's contents or length, nor on where the two differ.
bool secretsEqual(std::string_view presented, std::string_view expected);

}  // namespace openclaw::auth
