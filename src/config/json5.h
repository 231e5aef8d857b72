#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace openclaw::config {

using Json5Positions = std::map<std::string, std::pair<std::size_t, std::size_t>>;

// Thrown by parseJson5 with the 1-based line and column of the offending character.
// what() reads "line 3, column 7: unexpected character '}'".
class Json5Error : public std::runtime_error {
 public:
  Json5Error(std::string message, std::size_t line, std::size_t column);

  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  // The bare reason without position, e.g. "unexpected character '}'".
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string reason_;
  std::size_t line_;
  std::size_t column_;
};

// Parses one JSON5 document (https://spec.json5.org) from UTF-8 text.
//
// Mapping: integers (decimal or hex, no fraction or exponent) that fit int64 become
// number_integer; all other numbers become number_float, out-of-range ones ±inf or 0 as in
// JavaScript; Infinity and NaN become double inf/nan. A repeated key keeps its last value.
// Lines end at \n, \r\n, \r, U+2028 and U+2029; columns count code points.
//
// Deliberate deviations from the spec:
//  - Unquoted keys: ASCII follows ECMAScript IdentifierName exactly, but any non-ASCII code
//    point other than whitespace counts as an identifier character (no Unicode category tables).
//    \uXXXX escapes in keys must denote such a character; surrogate halves are rejected.
//  - In strings, an unpaired \uD800-\uDFFF escape becomes U+FFFD, so the result is valid UTF-8.
//  - "-0" is the integer 0. Nesting deeper than core::kMaxJsonDepth (128) arrays/objects fails
//    ("nested deeper than 128 levels"), the limit for all JSON from outside.
//
// When `positions` is given, it receives the 1-based {line, column} where each value starts,
// keyed by JSON pointer ("" for the root, "/gateway/port", "/list/0"), so that later checks on a
// value can point at it in the file.
nlohmann::json parseJson5(std::string_view text, Json5Positions* positions = nullptr);

}  // namespace openclaw::config
