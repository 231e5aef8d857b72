#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::core {

// Space, tab, CR and LF: what nonces and session-key segments are trimmed of (not '\f', '\v').
inline constexpr std::string_view kLineWhitespace = " \t\r\n";

// `text` without leading and trailing ASCII whitespace.
std::string trimmed(const std::string& text);

// `text` without leading and trailing characters from `characters`.
std::string trimmed(const std::string& text, std::string_view characters);

// `text` with ASCII letters lower-cased (header names, schemes, hostnames).
std::string asciiLowercase(std::string text);

// The pieces of `text` between `separator`s, untrimmed; "" gives one empty piece.
std::vector<std::string> splitOn(const std::string& text, char separator);

// `text` with every %XX escape decoded (no '+' rule); nullopt when an escape is malformed.
std::optional<std::string> percentDecoded(std::string_view text);

}  // namespace openclaw::core
