#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::channels::irc {

// One line of the IRC client protocol (RFC 1459/2812), without its CR LF. IRCv3 message tags
// are accepted and dropped.
struct IrcMessage {
  std::string prefix;               // "nick!user@host" or a server name; "" when the line has none
  std::string command;              // upper-cased verb ("PRIVMSG") or a three-digit numeric ("001")
  std::vector<std::string> params;  // the trailing parameter (after " :") is the last one

  // The nick part of the prefix ("alice" of "alice!~a@host").
  std::string sourceNick() const;
  // The parameter at `index`, or "" when there are fewer.
  const std::string& param(std::size_t index) const;
};

// Parses one received line; nullopt for a line with no command. A trailing CR or LF is ignored.
std::optional<IrcMessage> parseIrcLine(std::string_view line);

// IRC's case-insensitive nick/channel comparison (rfc1459 casemapping: "[]\~" fold to "{}|^").
bool ircEquals(std::string_view a, std::string_view b);
char ircLower(char c);

// Whether `target` names a channel rather than a nick.
bool isChannelName(std::string_view target);

}  // namespace openclaw::channels::irc
