#include "agent/sse_parser.h"

#include "core/utf8.h"

namespace openclaw::agent {

bool SseParser::feed(std::string_view chunk, std::vector<SseEvent>& events) {
  if (failed_) return false;
  for (const char c : chunk) {
    if (skipLeadingLf_) {
      skipLeadingLf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      skipLeadingLf_ = c == '\r';
      processLine(line_, events);
      line_.clear();
      continue;
    }
    line_ += c;
    if (line_.size() + pending_.data.size() > maxEventBytes_) {
      failed_ = true;
      return false;
    }
  }
  return true;
}

void SseParser::processLine(std::string_view line, std::vector<SseEvent>& events) {
  if (line.empty()) {
    if (hasData_) {
      // Complete now, so no multi-byte character is cut between chunks: invalid bytes from
      // the provider become U+FFFD instead of failing the JSON parse or the transcript.
      pending_.data = core::toValidUtf8(pending_.data);
      events.push_back(std::move(pending_));
    }
    pending_ = SseEvent{};
    hasData_ = false;
    return;
  }
  if (line.front() == ':') return;  // comment
  const std::size_t colon = line.find(':');
  const std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
  if (value.starts_with(' ')) value.remove_prefix(1);
  if (field == "data") {
    if (hasData_) pending_.data += '\n';
    pending_.data += value;
    hasData_ = true;
  } else if (field == "event") {
    pending_.event = value;
  } else if (field == "id") {
    pending_.id = value;
  }
  // "retry" and unknown fields are ignored.
}

}  // namespace openclaw::agent
