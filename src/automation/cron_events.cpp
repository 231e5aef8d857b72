#include "automation/cron_events.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

const char* actionName(JobChange change) {
  switch (change) {
    case JobChange::Added:
      return "added";
    case JobChange::Updated:
      return "updated";
    case JobChange::Removed:
      return "removed";
  }
  return "updated";
}

}  // namespace

json cronJobEvent(JobChange change, const CronJob& job) {
  json event = {{"jobId", job.id}, {"action", actionName(change)}, {"job", jobToJson(job)}};
  if (change != JobChange::Removed && job.state.nextRunAtMs) {
    event["nextRunAtMs"] = *job.state.nextRunAtMs;
  }
  return event;
}

json cronRunStartedEvent(const CronJob& job, std::int64_t runAtMs) {
  return {{"jobId", job.id}, {"action", "started"}, {"job", jobToJson(job)}, {"runAtMs", runAtMs}};
}

json cronRunFinishedEvent(const CronJob& job, const JobRunRecord& record) {
  json event = runRecordToJson(record);
  event.erase("ts");
  event.erase("jobName");
  event["job"] = jobToJson(job);
  return event;
}

}  // namespace openclaw::automation
