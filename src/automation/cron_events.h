#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "automation/cron_job.h"

namespace openclaw::automation {

// The payloads of the `cron` event operators (operator.read) receive, in upstream's shapes:
// {jobId, action, job, ...}.

// action "added" | "updated" (with nextRunAtMs) or "removed".
nlohmann::json jobChangedEvent(const char* action, const CronJob& job);
// A run of `job` began at runAtMs.
nlohmann::json runStartedEvent(const CronJob& job, std::int64_t runAtMs);
// A run ended: the run log entry (action "finished") with the job as it is now.
nlohmann::json runFinishedEvent(const CronJob& job, const JobRunRecord& record);

}  // namespace openclaw::automation
