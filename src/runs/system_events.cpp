#include "runs/system_events.h"

#include "core/clock.h"
#include "core/text.h"
#include "core/utf8.h"

namespace openclaw::runs {

bool SystemEventQueue::enqueue(const std::string& sessionKey, const std::string& text,
                               std::int64_t nowMs) {
  std::string cleaned = core::trimmed(text);
  if (cleaned.size() > kMaxTextChars) cleaned = core::truncatedText(cleaned, kMaxTextChars);
  if (cleaned.empty()) return false;
  auto found = queues_.find(sessionKey);
  if (found != queues_.end()) {
    Queue& queue = found->second;
    if (!queue.events.empty() && queue.events.back().text == cleaned) return false;
    order_.splice(order_.end(), order_, queue.order);
  } else {
    if (queues_.size() >= kMaxSessions) {
      queues_.erase(order_.front());
      order_.pop_front();
    }
    found = queues_.emplace(sessionKey, Queue{{}, order_.insert(order_.end(), sessionKey)}).first;
  }
  Queue& queue = found->second;
  queue.events.push_back({std::move(cleaned), nowMs});
  if (queue.events.size() > kMaxPerSession) queue.events.pop_front();
  return true;
}

std::vector<SystemEventQueue::Event> SystemEventQueue::drain(const std::string& sessionKey) {
  const auto found = queues_.find(sessionKey);
  if (found == queues_.end()) return {};
  std::vector<Event> events(std::make_move_iterator(found->second.events.begin()),
                            std::make_move_iterator(found->second.events.end()));
  order_.erase(found->second.order);
  queues_.erase(found);
  return events;
}

std::size_t SystemEventQueue::size(const std::string& sessionKey) const {
  const auto found = queues_.find(sessionKey);
  return found == queues_.end() ? 0 : found->second.events.size();
}

std::string withSystemEvents(const std::vector<SystemEventQueue::Event>& events,
                             const std::string& message) {
  if (events.empty()) return message;
  std::string block;
  for (const SystemEventQueue::Event& event : events) {
    // "2026-01-02T03:04:05.678Z" -> "2026-01-02 03:04:05 UTC"
    std::string time = core::isoTimeUtc(event.atMs);
    time = time.substr(0, 10) + " " + time.substr(11, 8) + " UTC";
    bool first = true;
    for (const std::string& line : core::splitOn(event.text, '\n')) {
      block += "System: " + (first ? "[" + time + "] " : std::string()) + line + "\n";
      first = false;
    }
  }
  if (message.empty()) {
    block.pop_back();
    return block;
  }
  return block + "\n" + message;
}

}  // namespace openclaw::runs
