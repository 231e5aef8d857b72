#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::channels::irc {

// IRC's limit for one protocol line, CR LF included (RFC 2812 section 2.3).
constexpr std::size_t kIrcLineLimit = 512;

// How many bytes of text one PRIVMSG to `target` may carry so that the line the server relays
// to others (":nick!~user@host PRIVMSG target :text\r\n") stays within kIrcLineLimit. The host
// is unknown to us, so the longest a hostname can be (63) is assumed.
std::size_t privmsgTextBudget(std::string_view nick, std::string_view username,
                              std::string_view target);

// Splits outgoing text into PRIVMSG texts, in order: one per line of `text` (CR, LF or both
// end a line; blank lines dropped), with lines longer than `maxBytes` split further, at the last
// space where one is near the limit and never inside a UTF-8 sequence. NUL bytes are dropped.
std::vector<std::string> splitForIrc(std::string_view text, std::size_t maxBytes);

}  // namespace openclaw::channels::irc
