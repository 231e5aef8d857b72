#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "client/gateway_client.h"

namespace openclaw::cli {

// `openclaw cron run <id> [--due] [--wait …]`.
struct CronRunArgs {
  std::string id;
  bool due = false;   // mode "due" instead of "force"
  bool wait = false;  // wait for the queued run to finish
  std::chrono::milliseconds waitTimeout{600'000};
  std::chrono::milliseconds pollInterval{2'000};
  std::chrono::milliseconds callTimeout{600'000};  // each request's budget
};

// "succeeded", "failed" or "unknown" for a finished run entry (CronRunLogEntry): its own
// completionStatus when the gateway sent one; else failed for an error or skipped run, and for
// an ok run succeeded when its reply was delivered or no delivery was asked for, unknown
// otherwise (upstream's rule).
std::string runCompletionStatus(const nlohmann::json& entry);

// Calls cron.run and prints its answer as JSON; 0 when the run ran or was queued. With `wait`,
// a queued run (answer {ok, enqueued, runId}) is followed until its entry in cron.runs is
// finished (woken early by the gateway's `cron` events for the job, else every pollInterval),
// then the answer is printed with completed, status, completionStatus and the run entry, and
// the exit code is 0 only for a succeeded run. Not finished within waitTimeout: a message on
// stderr and 1.
int runCronJob(client::GatewayClient& gateway, const CronRunArgs& args);

}  // namespace openclaw::cli
