#pragma once

#include <string>

namespace openclaw::automation {

// A request to wake an agent's main session (upstream's `wake` method, /hooks/wake, a cron
// system-event job): `text` is queued as a system event for the session's next turn; with `now`
// a heartbeat turn starts at once (the heartbeat's prompt plus the queued events), otherwise the
// events wait for the next scheduled heartbeat.
struct WakeRequest {
  std::string text;
  bool now = true;
  std::string agentId;     // empty: the default agent
  std::string sessionKey;  // empty: the agent's main session
  std::string source;      // "wake", "hook", "cron:<jobId>": for logs and the heartbeat event
};

// The one wake path (heartbeat_runner.cpp implements it). Event-loop thread.
class Waker {
 public:
  virtual ~Waker() = default;
  // False when the text was not queued (coalesced with the same text at the end of the queue).
  virtual bool wake(const WakeRequest& request) = 0;
};

}  // namespace openclaw::automation
