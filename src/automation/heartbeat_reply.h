#pragma once

#include <cstddef>
#include <string>

namespace openclaw::automation {

// The heartbeat's response contract, as upstream's: a reply that only acknowledges is dropped,
// anything else is an alert delivered to the heartbeat's target.

// The acknowledgement token a heartbeat reply may carry at its start or end.
inline constexpr const char* kHeartbeatToken = "HEARTBEAT_OK";
// The silent reply: a reply that is only this token (in any case, repeated, with punctuation
// around it) says "nothing to say".
inline constexpr const char* kSilentReplyToken = "NO_REPLY";
// How much other text an acknowledgement may carry and still be dropped (heartbeat.ackMaxChars).
inline constexpr std::size_t kDefaultAckMaxChars = 300;

enum class HeartbeatReplyKind {
  Empty,  // no text at all (upstream's "ok-empty")
  Ack,    // HEARTBEAT_OK or NO_REPLY: nothing is delivered (upstream's "ok-token")
  Alert,  // `text` goes to the target
};

struct HeartbeatReply {
  HeartbeatReplyKind kind = HeartbeatReplyKind::Empty;
  std::string text;  // what an Alert delivers: the reply without the token at its edges
};

// Classifies a heartbeat turn's final reply. HEARTBEAT_OK counts only at the start or the end
// (followed by at most 4 punctuation characters), also when Markdown emphasis or HTML tags
// (and &nbsp;) wrap it; with the token stripped from the edges, at most `ackMaxChars` characters
// left make the reply an Ack, more an Alert of what is left. A token in the middle is ordinary
// text.
HeartbeatReply classifyHeartbeatReply(const std::string& reply, std::size_t ackMaxChars);

// Whether HEARTBEAT.md holds nothing to act on: only blank lines, HTML comments, Markdown
// headings, fence markers and empty list items ("- ", "- [ ]"). A heartbeat tick then skips the
// model call.
bool isEffectivelyEmptyChecklist(const std::string& content);

}  // namespace openclaw::automation
