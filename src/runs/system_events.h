#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <string>
#include <vector>

namespace openclaw::runs {

// Short notices for a session's next agent turn (a webhook wake, a hook run's outcome), as
// upstream's system events: the next run of that session takes them all and sees them as
// "System: [time] text" lines above its message. In memory only (a restart forgets them), bounded:
// kMaxPerSession per session (the oldest dropped) and kMaxSessions sessions (the session queued
// to least recently dropped). Event-loop thread only.
class SystemEventQueue {
 public:
  static constexpr std::size_t kMaxPerSession = 20;  // upstream's bound
  static constexpr std::size_t kMaxSessions = 1000;
  static constexpr std::size_t kMaxTextChars = 16 * 1024;  // longer texts are cut

  struct Event {
    std::string text;
    std::int64_t atMs = 0;
  };

  // Queues `text` (trimmed) for `sessionKey`. False when it was not queued: blank, or the same
  // text is already the session's most recent event (upstream's "coalesced").
  bool enqueue(const std::string& sessionKey, const std::string& text, std::int64_t nowMs);
  // Removes and returns the session's events, oldest first.
  std::vector<Event> drain(const std::string& sessionKey);
  std::size_t size(const std::string& sessionKey) const;

 private:
  struct Queue {
    std::deque<Event> events;
    std::list<std::string>::iterator order;
  };
  std::map<std::string, Queue> queues_;
  std::list<std::string> order_;  // session keys, least recently queued to first
};

// The "System: [<UTC time>] text" block for `events` (continuation lines of a multi-line event
// also start with "System: "), a blank line, then `message`; `message` alone when there are none.
std::string withSystemEvents(const std::vector<SystemEventQueue::Event>& events,
                             const std::string& message);

}  // namespace openclaw::runs
