#pragma once

#include <set>
#include <string>
#include <vector>

#include "agent/conversation.h"
#include "sessions/session_store.h"

namespace openclaw::runs {

// The conversation a run sends to the model, from its session's stored entries (seq order).
//
// A queued message is committed when it is accepted, so the transcript can hold a later run's
// user message before an earlier run's reply. Entries are therefore grouped by run and the
// groups ordered by when each run produced its first reply entry (the current run last); entries
// of runs still waiting in the queue (`queuedRunIds`) are left out. Tool calls without a stored
// result (a crash or an abort mid-tool) and results without their call are dropped, so the
// request is always well-formed for the provider.
std::vector<agent::Message> contextMessages(const std::vector<sessions::TranscriptEntry>& entries,
                                            const std::string& currentRunId,
                                            const std::set<std::string>& queuedRunIds);

}  // namespace openclaw::runs
