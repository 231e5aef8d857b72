#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace openclaw::channels::irc {

// `text` without mIRC formatting codes: bold, italics, underline, strike-through, monospace,
// reverse, reset, and colours (^C with up to two digits of foreground and optional ",bg"; ^D
// with six hex digits and optional ",RRGGBB").
std::string stripFormatting(std::string_view text);

// Whether `text` addresses `nick`: the nick appears as a whole word, compared the way IRC
// compares nicks (case-insensitive). This covers the "nick: …" and "nick, …" prefixes too.
bool mentionsNick(std::string_view text, std::string_view nick);

// The text a PRIVMSG carries, as the agent should see it: a CTCP ACTION ("/me waves") becomes
// "/me waves"; any other CTCP request (VERSION, PING, …) yields nullopt (not a message).
std::optional<std::string> privmsgText(std::string_view body);

}  // namespace openclaw::channels::irc
