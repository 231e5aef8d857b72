#pragma once

#include <optional>
#include <string>

#include "automation/cron_job.h"

namespace openclaw::automation {

// The session an agent-turn run of a job goes to.
struct JobSession {
  std::string agentId;     // normalized; "main" when the job names none
  std::string sessionKey;  // canonical
  // The key gets a new session (transcript) before each run: "isolated" jobs, as upstream's
  // "fresh session" (the key stays "agent:<agentId>:cron:<jobId>", one row per job).
  bool fresh = false;
};

// Where `job` runs: "isolated" (and "current" without a creating session) in
// "agent:<agentId>:cron:<jobId>", fresh each run; "current" in the job's sessionKey;
// "session:<key>" in that persistent session; "main" in the agent's main session. nullopt (with
// `error` set) for a target that names no usable session ("session:" with an empty or malformed
// key, an unknown target).
std::optional<JobSession> jobSession(const CronJob& job, std::string& error);

// The agent a job belongs to, normalized ("main" when it names none).
std::string jobAgentId(const CronJob& job);

}  // namespace openclaw::automation
