#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace openclaw::core {

// The string at `key` of `object`; nullopt when `object` is not an object, has no `key`, or
// holds something other than a string there.
std::optional<std::string> stringField(const nlohmann::json& object, const char* key);
// The same for a boolean and for an integer that fits std::int64_t. Unlike json::value(key, x),
// none of these throws when a peer sends the key with another type.
std::optional<bool> boolField(const nlohmann::json& object, const char* key);
std::optional<std::int64_t> integerField(const nlohmann::json& object, const char* key);

// `value` as compact JSON text that never throws: invalid UTF-8 left in a string becomes U+FFFD
// (the last line of defence where records are stored; text from outside is made valid UTF-8
// where it enters, with core::toValidUtf8).
std::string compactJson(const nlohmann::json& value);

}  // namespace openclaw::core
