#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::agent {

// One server-sent event. `event` is empty when the stream gave no `event:` line (the spec's
// default type "message").
struct SseEvent {
  std::string event;
  std::string data;  // the `data:` lines joined with "\n"
  std::string id;
};

// Incremental text/event-stream parser (WHATWG rules): lines end in LF, CRLF or CR, even when
// the terminator is split across chunks; `:` lines are comments; a blank line ends an event, and
// events without data are dropped. An event's data is valid UTF-8 (core::toValidUtf8), even
// when a character was split across chunks.
class SseParser {
 public:
  explicit SseParser(std::size_t maxEventBytes = 16 * 1024 * 1024)
      : maxEventBytes_(maxEventBytes) {}

  // Appends `chunk` and returns the events it completed, in order. Returns false (and stays
  // failed) once a single event or line grows beyond maxEventBytes.
  bool feed(std::string_view chunk, std::vector<SseEvent>& events);

 private:
  void processLine(std::string_view line, std::vector<SseEvent>& events);

  std::size_t maxEventBytes_;
  std::string line_;
  SseEvent pending_;
  bool hasData_ = false;
  bool skipLeadingLf_ = false;  // the previous chunk ended in CR
  bool failed_ = false;
};

}  // namespace openclaw::agent
