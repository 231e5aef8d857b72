#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "automation/cron_job.h"

namespace openclaw::automation {

// The payloads of the `cron` event operators (operator.read) receive when a job or a run
// changes, in upstream's shapes: {jobId, action, job, ...}, the job as jobToJson shows it.

// {jobId, action, job, nextRunAtMs?}: action "added" | "updated" (with the next run when there
// is one) or "removed".
nlohmann::json jobChangedEvent(const char* action, const CronJob& job);
// {jobId, action: "started", job, runAtMs}: a run of `job` began at runAtMs.
nlohmann::json runStartedEvent(const CronJob& job, std::int64_t runAtMs);
// {jobId, action: "finished", job, status, completionStatus, error?, summary?, delivered?,
// deliveryStatus, deliveryError?, sessionId?, sessionKey?, runId?, runAtMs, durationMs,
// nextRunAtMs?, model?, provider?, usage?}: the run log entry's fields (runRecordToJson without
// ts and jobName, which upstream's event does not carry) with the job as it is after the run.
nlohmann::json runFinishedEvent(const CronJob& job, const JobRunRecord& record);

}  // namespace openclaw::automation
