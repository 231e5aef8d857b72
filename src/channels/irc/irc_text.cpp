#include "channels/irc/irc_text.h"

#include <cctype>

#include "channels/irc/irc_message.h"

namespace openclaw::channels::irc {
namespace {

constexpr char kBold = '\x02';
constexpr char kColor = '\x03';
constexpr char kHexColor = '\x04';
constexpr char kReset = '\x0F';
constexpr char kMonospace = '\x11';
constexpr char kReverse = '\x16';
constexpr char kItalic = '\x1D';
constexpr char kStrike = '\x1E';
constexpr char kUnderline = '\x1F';
constexpr char kCtcp = '\x01';

// Skips up to `maxCount` characters matching `accept` from `at`; returns the new position.
template <class Accept>
std::size_t skipWhile(std::string_view text, std::size_t at, std::size_t maxCount, Accept accept) {
  for (std::size_t n = 0; n < maxCount && at < text.size() && accept(text[at]); ++n) ++at;
  return at;
}

// Skips a colour argument "fg[,bg]" where each part is 1..`width` characters matching `accept`.
template <class Accept>
std::size_t skipColorArgument(std::string_view text, std::size_t at, std::size_t width,
                              Accept accept) {
  const std::size_t afterForeground = skipWhile(text, at, width, accept);
  if (afterForeground == at) return at;
  if (afterForeground + 1 < text.size() && text[afterForeground] == ',' &&
      accept(text[afterForeground + 1])) {
    return skipWhile(text, afterForeground + 1, width, accept);
  }
  return afterForeground;
}

bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool isHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Characters that may appear in a nick (RFC 2812 plus '-'), i.e. the ones that extend a word.
bool isNickCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("[]\\`_^{|}-").find(c) != std::string_view::npos;
}

}  // namespace

std::string stripFormatting(std::string_view text) {
  std::string plain;
  plain.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at++];
    switch (c) {
      case kBold:
      case kReset:
      case kMonospace:
      case kReverse:
      case kItalic:
      case kStrike:
      case kUnderline:
        break;
      case kColor:
        at = skipColorArgument(text, at, 2, isDigit);
        break;
      case kHexColor:
        at = skipColorArgument(text, at, 6, isHexDigit);
        break;
      default:
        plain.push_back(c);
    }
  }
  return plain;
}

bool mentionsNick(std::string_view text, std::string_view nick) {
  if (nick.empty() || text.size() < nick.size()) return false;
  for (std::size_t at = 0; at + nick.size() <= text.size(); ++at) {
    if (!ircEquals(text.substr(at, nick.size()), nick)) continue;
    const bool startsWord = at == 0 || !isNickCharacter(text[at - 1]);
    const std::size_t end = at + nick.size();
    const bool endsWord = end == text.size() || !isNickCharacter(text[end]);
    if (startsWord && endsWord) return true;
  }
  return false;
}

std::optional<std::string> privmsgText(std::string_view body) {
  if (body.empty() || body.front() != kCtcp) return std::string(body);
  body.remove_prefix(1);
  if (!body.empty() && body.back() == kCtcp) body.remove_suffix(1);
  constexpr std::string_view kAction = "ACTION";
  if (body.substr(0, kAction.size()) != kAction) return std::nullopt;
  body.remove_prefix(kAction.size());
  if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
  return "/me " + std::string(body);
}

}  // namespace openclaw::channels::irc
