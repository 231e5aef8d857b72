#include "channels/irc/irc_message.h"

#include <cctype>

namespace openclaw::channels::irc {

std::string IrcMessage::sourceNick() const { return prefix.substr(0, prefix.find('!')); }

const std::string& IrcMessage::param(std::size_t index) const {
  static const std::string kEmpty;
  return index < params.size() ? params[index] : kEmpty;
}

std::optional<IrcMessage> parseIrcLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  const auto nextWord = [&line]() {
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    const std::size_t end = std::min(line.find(' '), line.size());
    std::string_view word = line.substr(0, end);
    line.remove_prefix(end);
    return word;
  };
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  if (!line.empty() && line.front() == '@') nextWord();  // IRCv3 tags
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);

  IrcMessage message;
  if (!line.empty() && line.front() == ':') message.prefix = std::string(nextWord().substr(1));
  const std::string_view command = nextWord();
  if (command.empty()) return std::nullopt;
  for (const char c : command) {
    message.command.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  while (true) {
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty()) break;
    if (line.front() == ':') {
      message.params.emplace_back(line.substr(1));
      break;
    }
    message.params.emplace_back(nextWord());
  }
  return message;
}

char ircLower(char c) {
  switch (c) {
    case '[':
      return '{';
    case ']':
      return '}';
    case '\\':
      return '|';
    case '~':
      return '^';
    default:
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
}

bool ircEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ircLower(a[i]) != ircLower(b[i])) return false;
  }
  return true;
}

bool isChannelName(std::string_view target) {
  return !target.empty() && (target.front() == '#' || target.front() == '&' ||
                             target.front() == '+' || target.front() == '!');
}

}  // namespace openclaw::channels::irc
