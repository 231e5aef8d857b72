#include "core/utf8.h"

namespace openclaw::core {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

struct Lead {
  std::size_t length;       // of the whole sequence; 0: the byte cannot start one
  unsigned char secondMin;  // the range of the second byte (Unicode table 3-7), which rules
  unsigned char secondMax;  // out overlong forms, surrogates and code points above U+10FFFF
};

Lead leadOf(unsigned char byte) {
  if (byte < 0x80) return {1, 0, 0};
  if (byte < 0xC2) return {0, 0, 0};  // continuation byte, or C0/C1 (always overlong)
  if (byte < 0xE0) return {2, 0x80, 0xBF};
  if (byte == 0xE0) return {3, 0xA0, 0xBF};
  if (byte == 0xED) return {3, 0x80, 0x9F};
  if (byte < 0xF0) return {3, 0x80, 0xBF};
  if (byte == 0xF0) return {4, 0x90, 0xBF};
  if (byte < 0xF4) return {4, 0x80, 0xBF};
  if (byte == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

// How many bytes from `at` belong to a well-formed sequence (its full length), or to the
// maximal subpart of an ill-formed one (shorter; at least 1).
std::size_t sequenceAt(std::string_view bytes, std::size_t at, bool& wellFormed) {
  const Lead lead = leadOf(static_cast<unsigned char>(bytes[at]));
  wellFormed = false;
  if (lead.length == 0) return 1;
  std::size_t taken = 1;
  while (taken < lead.length && at + taken < bytes.size()) {
    const auto byte = static_cast<unsigned char>(bytes[at + taken]);
    const unsigned char min = taken == 1 ? lead.secondMin : 0x80;
    const unsigned char max = taken == 1 ? lead.secondMax : 0xBF;
    if (byte < min || byte > max) return taken;
    ++taken;
  }
  wellFormed = taken == lead.length;
  return taken;
}

}  // namespace

std::string toValidUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t at = 0;
  while (at < bytes.size()) {
    bool wellFormed = false;
    const std::size_t length = sequenceAt(bytes, at, wellFormed);
    out.append(wellFormed ? bytes.substr(at, length) : kReplacement);
    at += length;
  }
  return out;
}

std::string truncatedText(std::string_view text, std::size_t maxChars) {
  const auto isContinuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::size_t chars = 0;
  std::size_t keep = 0;  // bytes of the first maxChars - 3 code points
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (isContinuation(text[at])) continue;
    if (chars == maxChars - 3) keep = at;
    if (++chars > maxChars) return std::string(text.substr(0, keep)) + "...";
  }
  return std::string(text);
}

}  // namespace openclaw::core
