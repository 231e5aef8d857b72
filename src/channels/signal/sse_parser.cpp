#include "channels/signal/sse_parser.h"

namespace openclaw::channels::signal {

SseParser::SseParser(std::size_t maxEventBytes) : maxEventBytes_(maxEventBytes) {}

std::vector<SseEvent> SseParser::feed(std::string_view bytes) {
  std::vector<SseEvent> out;
  for (const char c : bytes) {
    if (afterCr_) {
      afterCr_ = false;
      if (c == '\n') continue;  // the LF of a CRLF
    }
    if (c == '\n' || c == '\r') {
      afterCr_ = c == '\r';
      line(partial_, out);
      partial_.clear();
      continue;
    }
    if (skipping_ && !partial_.empty()) continue;  // only an empty line matters while skipping
    if (partial_.size() >= maxEventBytes_) {
      skipEvent();
      partial_.assign(1, 'x');  // not empty: the line goes on, and it does not end the event
      continue;
    }
    partial_.push_back(c);
  }
  return out;
}

void SseParser::skipEvent() {
  if (!skipping_) ++oversized_;
  skipping_ = true;
  hasData_ = false;
  current_ = SseEvent{};
}

void SseParser::line(std::string_view text, std::vector<SseEvent>& out) {
  if (text.empty()) {
    if (!skipping_ && hasData_) out.push_back(std::move(current_));
    skipping_ = false;
    hasData_ = false;
    current_ = SseEvent{};
    return;
  }
  if (skipping_ || text.front() == ':') return;
  const auto colon = text.find(':');
  const std::string_view field = text.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? "" : text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") {
    current_.event = std::string(value);
  } else if (field == "data") {
    if (current_.data.size() + value.size() + 1 > maxEventBytes_) {
      skipEvent();
      return;
    }
    if (hasData_) current_.data.push_back('\n');
    current_.data.append(value);
    hasData_ = true;
  }
}

}  // namespace openclaw::channels::signal
