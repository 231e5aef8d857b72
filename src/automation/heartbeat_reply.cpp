#include "automation/heartbeat_reply.h"

#include <cctype>
#include <string_view>

#include "core/text.h"

namespace openclaw::automation {
namespace {

constexpr std::string_view kToken = kHeartbeatToken;

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::string trimmedStart(const std::string& text) {
  std::size_t at = 0;
  while (at < text.size() && isSpace(text[at])) ++at;
  return text.substr(at);
}

std::string trimmedEnd(std::string text) {
  while (!text.empty() && isSpace(text.back())) text.pop_back();
  return text;
}

// Characters (UTF-8 code points) of `text`.
std::size_t characters(const std::string& text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// Runs of whitespace as one space, trimmed.
std::string collapsedSpaces(const std::string& text) {
  std::string out;
  bool pendingSpace = false;
  for (char c : text) {
    if (isSpace(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += c;
  }
  return out;
}

// Where the token ends the text, followed by at most 4 non-word characters; npos when it does
// not.
std::size_t tokenAtEnd(const std::string& text) {
  const std::size_t at = text.rfind(kToken);
  if (at == std::string::npos) return at;
  const std::size_t after = at + kToken.size();
  if (text.size() - after > 4) return std::string::npos;
  for (std::size_t i = after; i < text.size(); ++i) {
    if (isWordChar(text[i])) return std::string::npos;
  }
  return at;
}

struct Stripped {
  std::string text;
  bool didStrip = false;
};

// Removes the token from the start and the end of `raw` as often as it is there.
Stripped stripTokenAtEdges(const std::string& raw) {
  std::string text = core::trimmed(raw);
  if (text.find(kToken) == std::string::npos) return {text, false};
  bool didStrip = false;
  for (bool changed = true; changed;) {
    changed = false;
    const std::string next = core::trimmed(text);
    if (next.starts_with(kToken)) {
      text = trimmedStart(next.substr(kToken.size()));
      didStrip = changed = true;
    } else if (const std::size_t at = tokenAtEnd(next); at != std::string::npos) {
      const std::string before = trimmedEnd(next.substr(0, at));
      text =
          before.empty() ? "" : trimmedEnd(before + trimmedStart(next.substr(at + kToken.size())));
      didStrip = changed = true;
    }
  }
  return {collapsedSpaces(text), didStrip};
}

// HTML tags and &nbsp; become spaces; Markdown emphasis characters at both ends go.
std::string withoutMarkup(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      const std::size_t close = text.find('>', i);
      if (close != std::string::npos) {
        out += ' ';
        i = close;
        continue;
      }
    }
    if (text[i] == '&' && core::asciiLowercase(text.substr(i, 6)) == "&nbsp;") {
      out += ' ';
      i += 5;
      continue;
    }
    out += text[i];
  }
  const auto emphasis = [](char c) { return c == '*' || c == '`' || c == '~' || c == '_'; };
  std::size_t start = 0;
  while (start < out.size() && emphasis(out[start])) ++start;
  std::size_t end = out.size();
  while (end > start && emphasis(out[end - 1])) --end;
  return out.substr(start, end - start);
}

// Punctuation at both ends of `text` removed.
std::string withoutEdgePunctuation(const std::string& text) {
  const auto punctuation = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; };
  std::size_t start = 0;
  while (start < text.size() && punctuation(text[start])) ++start;
  std::size_t end = text.size();
  while (end > start && punctuation(text[end - 1])) --end;
  return text.substr(start, end - start);
}

// The text is NO_REPLY alone (any case, repeated with blanks between).
bool isOnlySilentTokens(const std::string& text) {
  const std::string lowered = core::asciiLowercase(text);
  const std::string token = core::asciiLowercase(kSilentReplyToken);
  std::size_t at = 0;
  bool any = false;
  while (true) {
    while (at < lowered.size() && isSpace(lowered[at])) ++at;
    if (at == lowered.size()) return any;
    if (lowered.compare(at, token.size(), token) != 0) return false;
    at += token.size();
    if (at < lowered.size() && !isSpace(lowered[at])) return false;
    any = true;
  }
}

bool isSilentReply(const std::string& text) {
  return isOnlySilentTokens(text) ||
         isOnlySilentTokens(withoutEdgePunctuation(core::trimmed(text)));
}

}  // namespace

HeartbeatReply classifyHeartbeatReply(const std::string& reply, std::size_t ackMaxChars) {
  const std::string trimmed = core::trimmed(reply);
  if (trimmed.empty()) return {HeartbeatReplyKind::Empty, ""};
  if (isSilentReply(trimmed)) return {HeartbeatReplyKind::Ack, ""};
  if (trimmed.find(kToken) == std::string::npos) return {HeartbeatReplyKind::Alert, trimmed};
  const Stripped original = stripTokenAtEdges(trimmed);
  const Stripped picked = original.didStrip && !original.text.empty()
                              ? original
                              : stripTokenAtEdges(withoutMarkup(trimmed));
  if (!picked.didStrip) return {HeartbeatReplyKind::Alert, trimmed};
  const std::string rest = core::trimmed(picked.text);
  if (characters(rest) <= ackMaxChars) return {HeartbeatReplyKind::Ack, ""};
  return {HeartbeatReplyKind::Alert, rest};
}

bool isEffectivelyEmptyChecklist(const std::string& content) {
  bool inComment = false;
  for (const std::string& rawLine : core::splitOn(content, '\n')) {
    std::string line = rawLine;
    // HTML comments, also spanning lines, are dropped from the start of each line.
    while (true) {
      if (inComment) {
        const std::size_t end = line.find("-->");
        if (end == std::string::npos) {
          line.clear();
          break;
        }
        line = line.substr(end + 3);
        inComment = false;
      }
      const std::string rest = trimmedStart(line);
      if (!rest.starts_with("<!--")) break;
      line = rest.substr(4);
      inComment = true;
    }
    const std::string text = core::trimmed(line);
    if (text.empty()) continue;
    if (text[0] == '#') {  // a heading: '#'s then a blank or the end
      const std::size_t hashes = text.find_first_not_of('#');
      if (hashes == std::string::npos || isSpace(text[hashes])) continue;
    }
    if (text.starts_with("```")) {  // a fence marker, with an optional language
      const std::string language = text.substr(3);
      const bool plain = language.find_first_not_of(
                             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                         std::string::npos;
      if (plain) continue;
    }
    if (text[0] == '-' || text[0] == '*' || text[0] == '+') {  // "- ", "- [ ]", "* [x]"
      const std::string item = core::trimmed(text.substr(1));
      if (item.empty() || item == "[]" || item == "[ ]" || item == "[x]" || item == "[X]") {
        continue;
      }
    }
    return false;
  }
  return true;
}

}  // namespace openclaw::automation
