#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace openclaw::core {

// The string at `key` of `object`; nullopt when `object` is not an object, has no `key`, or
// holds something other than a string there.
std::optional<std::string> stringField(const nlohmann::json& object, const char* key);

}  // namespace openclaw::core
