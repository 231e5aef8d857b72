#include "automation/cron_events.h"

namespace openclaw::automation {

nlohmann::json jobChangedEvent(const char* action, const CronJob& job) {
  nlohmann::json event = {{"jobId", job.id}, {"action", action}, {"job", jobToJson(job)}};
  if (std::string_view(action) != "removed" && job.state.nextRunAtMs) {
    event["nextRunAtMs"] = *job.state.nextRunAtMs;
  }
  return event;
}

nlohmann::json runStartedEvent(const CronJob& job, std::int64_t runAtMs) {
  return {{"jobId", job.id}, {"action", "started"}, {"job", jobToJson(job)}, {"runAtMs", runAtMs}};
}

nlohmann::json runFinishedEvent(const CronJob& job, const JobRunRecord& record) {
  nlohmann::json event = runRecordToJson(record);
  event["action"] = "finished";
  event["job"] = jobToJson(job);
  return event;
}

}  // namespace openclaw::automation
