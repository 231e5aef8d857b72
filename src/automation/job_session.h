#pragma once

#include <optional>
#include <string>

#include "automation/cron_job.h"

namespace openclaw::automation {

// The session an agent-turn run of a job goes to.
struct JobSession {
  std::string sessionKey;  // canonical
  // The key gets a new session (transcript) before each run: "isolated" jobs, as upstream's
  // "fresh session" (the key stays "agent:<agentId>:cron:<jobId>", one row per job).
  bool fresh = false;
};

// Where `job` of agent `agentId` (normalized) runs: "isolated" (and "current" without a creating
// session) in "agent:<agentId>:cron:<jobId>", fresh each run; "current" in the job's sessionKey;
// "session:<key>" in that persistent session; "main" in the agent's main session. nullopt (with
// `error` set) for a target that names no usable session ("session:" with an empty or malformed
// key, an unknown target).
std::optional<JobSession> jobSession(const CronJob& job, const std::string& agentId,
                                     std::string& error);

}  // namespace openclaw::automation
