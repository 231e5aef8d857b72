#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "automation/cron_job.h"

namespace openclaw::automation {

// The `cron` event operators get (scope operator.read) when a job or a run changes, in
// upstream's shape: {jobId, action, job, ...}. The scheduler broadcasts these payloads.
inline constexpr const char* kCronEvent = "cron";

enum class JobChange { Added, Updated, Removed };

// {jobId, action: "added"|"updated"|"removed", job, nextRunAtMs?}.
nlohmann::json cronJobEvent(JobChange change, const CronJob& job);

// {jobId, action: "started", job, runAtMs}.
nlohmann::json cronRunStartedEvent(const CronJob& job, std::int64_t runAtMs);

// {jobId, action: "finished", job, status, completionStatus, error?, summary?, delivered?,
// deliveryStatus, deliveryError?, sessionId?, sessionKey?, runId?, runAtMs, durationMs,
// nextRunAtMs?, model?, provider?, usage?}: the run record's fields (runRecordToJson without ts
// and jobName) with the job as it is after the run.
nlohmann::json cronRunFinishedEvent(const CronJob& job, const JobRunRecord& record);

}  // namespace openclaw::automation
