#include "channels/irc/irc_chunking.h"

#include <algorithm>

namespace openclaw::channels::irc {
namespace {

constexpr std::size_t kMaxHostLength = 63;
// Below this, a budget would make messages unreadable; such a nick/target is unrealistic.
constexpr std::size_t kMinTextBudget = 64;

bool isBlank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

bool isUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Appends `line` to `out` in pieces of at most maxBytes.
void splitLine(std::string_view line, std::size_t maxBytes, std::vector<std::string>& out) {
  while (line.size() > maxBytes) {
    std::size_t cut = maxBytes;
    while (cut > 0 && isUtf8Continuation(line[cut])) --cut;
    if (cut == 0) cut = maxBytes;  // not UTF-8 at all: a byte cut is all that is left
    // Prefer a word boundary in the second half of the piece.
    const std::size_t space = line.substr(0, cut + 1).rfind(' ');
    const bool breakAtSpace = space != std::string_view::npos && space >= cut / 2 && space > 0;
    const std::size_t end = breakAtSpace ? space : cut;
    if (!isBlank(line.substr(0, end))) out.emplace_back(line.substr(0, end));
    line.remove_prefix(breakAtSpace ? end + 1 : end);
  }
  if (!isBlank(line)) out.emplace_back(line);
}

}  // namespace

std::size_t privmsgTextBudget(std::string_view nick, std::string_view username,
                              std::string_view target) {
  // ":" nick "!~" user "@" host " PRIVMSG " target " :" text "\r\n"
  const std::size_t overhead =
      1 + nick.size() + 2 + username.size() + 1 + kMaxHostLength + 9 + target.size() + 2 + 2;
  return overhead + kMinTextBudget >= kIrcLineLimit ? kMinTextBudget : kIrcLineLimit - overhead;
}

std::vector<std::string> splitForIrc(std::string_view text, std::size_t maxBytes) {
  maxBytes = std::max<std::size_t>(maxBytes, 4);  // room for any one UTF-8 sequence
  std::string clean(text);
  std::erase(clean, '\0');
  std::vector<std::string> pieces;
  std::string_view rest = clean;
  while (!rest.empty()) {
    // A lone CR ends a protocol line on some servers, so it is a line break here too.
    const std::size_t newline = std::min(rest.find_first_of("\r\n"), rest.size());
    splitLine(rest.substr(0, newline), maxBytes, pieces);
    rest.remove_prefix(std::min(newline + 1, rest.size()));
  }
  return pieces;
}

}  // namespace openclaw::channels::irc
