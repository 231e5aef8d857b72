#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::channels::signal {

// One Server-Sent Event: its `event:` name ("message" when none was given) and its `data:`
// lines joined with '\n'.
struct SseEvent {
  std::string event = "message";
  std::string data;
};

// Splits a text/event-stream body into events as its bytes arrive, in pieces of any size.
// Lines end in LF, CRLF or CR; `data:` lines accumulate, `event:` names the event, comments
// (":...") and other fields are ignored, and an empty line dispatches the event (one without
// data is dropped, as the SSE specification says). Bounded: an event whose data exceeds
// `maxEventBytes`, or a line longer than that, is skipped up to the empty line that ends it and
// counted in oversized(); the parser keeps at most about maxEventBytes buffered.
class SseParser {
 public:
  explicit SseParser(std::size_t maxEventBytes);

  // The events completed by `bytes`, in order.
  std::vector<SseEvent> feed(std::string_view bytes);

  std::size_t oversized() const { return oversized_; }

 private:
  void line(std::string_view text, std::vector<SseEvent>& out);
  void skipEvent();

  std::size_t maxEventBytes_;
  std::string partial_;    // the current line so far
  bool afterCr_ = false;   // the last byte was CR: a following LF belongs to it
  bool skipping_ = false;  // discarding an oversized event until its empty line
  bool hasData_ = false;
  SseEvent current_;
  std::size_t oversized_ = 0;
};

}  // namespace openclaw::channels::signal
