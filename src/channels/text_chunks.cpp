#include "channels/text_chunks.h"

namespace openclaw::channels {
namespace {

bool continuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// The byte offset just after `limit` code points from `start`, or text.size() when fewer remain.
std::size_t advanceCodePoints(const std::string& text, std::size_t start, std::size_t limit) {
  std::size_t at = start;
  for (std::size_t count = 0; at < text.size() && count < limit; ++count) {
    ++at;
    while (at < text.size() && continuationByte(text[at])) ++at;
  }
  return at;
}

}  // namespace

std::size_t codePointCount(const std::string& text) {
  std::size_t count = 0;
  for (char byte : text)
    if (!continuationByte(byte)) ++count;
  return count;
}

std::vector<std::string> chunkText(const std::string& text, std::size_t limit) {
  std::vector<std::string> pieces;
  if (limit == 0) limit = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = advanceCodePoints(text, start, limit);
    if (end < text.size()) {
      const std::string window = text.substr(start, end - start);
      std::size_t cut = window.rfind('\n');
      if (cut == std::string::npos || cut == 0) cut = window.rfind(' ');
      if (cut != std::string::npos && cut > 0) end = start + cut + 1;
    }
    pieces.push_back(text.substr(start, end - start));
    start = end;
  }
  return pieces;
}

}  // namespace openclaw::channels
