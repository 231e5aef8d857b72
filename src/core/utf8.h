#pragma once

#include <string>
#include <string_view>

namespace openclaw::core {

// `bytes` as well-formed UTF-8: valid sequences are kept, and every maximal subpart of an
// ill-formed one (overlong form, surrogate, code point above U+10FFFF, truncated sequence,
// stray continuation byte) becomes one U+FFFD, as the Unicode standard recommends (chapter 3,
// "U+FFFD Substitution of Maximal Subparts"). Everything that enters a transcript or a frame
// from outside (tool output, provider text, channel text) goes through it.
std::string toValidUtf8(std::string_view bytes);

// Well-formed UTF-8 `text` cut to at most `maxChars` code points (at least 4), its end replaced by
// "..." when it was longer.
std::string truncatedText(std::string_view text, std::size_t maxChars);

}  // namespace openclaw::core
