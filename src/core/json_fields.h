#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace openclaw::core {

// The string at `key` of `object`; nullopt when `object` is not an object, has no `key`, or
// holds something other than a string there.
std::optional<std::string> stringField(const nlohmann::json& object, const char* key);

// `value` as compact JSON text that never throws: invalid UTF-8 left in a string becomes U+FFFD
// (the last line of defence where records are stored; text from outside is made valid UTF-8
// where it enters, with core::toValidUtf8).
std::string compactJson(const nlohmann::json& value);

}  // namespace openclaw::core
