#pragma once

#include <functional>
#include <memory>
#include <string>

#include "automation/cron_job.h"

namespace openclaw::automation {

// How one run of a job ended: the payload's outcome, then the delivery's. The scheduler turns it
// into the job's state and a JobRunRecord.
struct JobRunOutcome {
  RunStatus status = RunStatus::Ok;
  std::string error;    // with Error: what went wrong ("NOT_LINKED: irc is not connected", ...)
  std::string summary;  // the reply text (agent turns) or the event text (system events)
  std::string sessionKey;
  std::string sessionId;
  std::string runId;
  std::string model;
  std::string provider;
  std::optional<std::int64_t> inputTokens;
  std::optional<std::int64_t> outputTokens;
  DeliveryStatus deliveryStatus = DeliveryStatus::NotRequested;
  std::string deliveryError;
  // With NotDelivered and no error: why nothing was sent on purpose ("empty": no reply text,
  // "silent": the reply was NO_REPLY, "heartbeat": the reply was HEARTBEAT_OK), as upstream's
  // deliverySuppressionReason.
  std::string deliverySuppressionReason;
};

// A started run; cancel() ends it early (the run's timeout, gateway shutdown, job removal): the
// underlying agent run is aborted and `done` is called with Error and `reason`.
class JobRunHandle {
 public:
  virtual ~JobRunHandle() = default;
  virtual void cancel(const std::string& reason) = 0;
};

// Carries out a job's payload and delivery (job_runner.cpp is the gateway's). Event-loop thread.
class JobExecutor {
 public:
  using Done = std::function<void(JobRunOutcome)>;
  virtual ~JobExecutor() = default;
  // Starts one run of `job` now. `done` is called exactly once, on the event loop, never inside
  // start().
  virtual std::shared_ptr<JobRunHandle> start(const CronJob& job, Done done) = 0;
};

}  // namespace openclaw::automation
