#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace openclaw::channels {

// Splits UTF-8 `text` into pieces of at most `limit` code points each, preferring to cut after
// a newline, then after a space, and never inside a multi-byte character. Whitespace at a cut
// stays with the piece before it; concatenating the pieces gives back `text`. An empty text
// gives no pieces.
std::vector<std::string> chunkText(const std::string& text, std::size_t limit);

// The number of code points in UTF-8 `text`.
std::size_t codePointCount(const std::string& text);

}  // namespace openclaw::channels
