#include "automation/cron_events.h"

#include <string_view>

namespace openclaw::automation {

using nlohmann::json;

json jobChangedEvent(const char* action, const CronJob& job) {
  json event = {{"jobId", job.id}, {"action", action}, {"job", jobToJson(job)}};
  if (std::string_view(action) != "removed" && job.state.nextRunAtMs) {
    event["nextRunAtMs"] = *job.state.nextRunAtMs;
  }
  return event;
}

json runStartedEvent(const CronJob& job, std::int64_t runAtMs) {
  return {{"jobId", job.id}, {"action", "started"}, {"job", jobToJson(job)}, {"runAtMs", runAtMs}};
}

json runFinishedEvent(const CronJob& job, const JobRunRecord& record) {
  json event = runRecordToJson(record);
  event.erase("ts");
  event.erase("jobName");
  event["job"] = jobToJson(job);
  return event;
}

}  // namespace openclaw::automation
