#pragma once

#include <string>

#include "sessions/session_store.h"

namespace openclaw::runs {

// How a session changed, in upstream's sessions.changed `reason` words.
enum class SessionChange { Created, Updated, Patched, Reset, Deleted, RunStarted, RunEnded };
const char* sessionChangeReason(SessionChange change);

// Told about session changes as they happen (the gateway turns them into sessions.changed and
// session.message events). Event-loop thread only; called after the change is committed.
class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  virtual void sessionChanged(const std::string& sessionKey, SessionChange change) = 0;
  // `entry` was appended to the transcript of session `sessionId`, the key's current one.
  virtual void messageAppended(const std::string& sessionKey, const std::string& sessionId,
                               const sessions::TranscriptEntry& entry) = 0;
};

}  // namespace openclaw::runs
