#pragma once

#include "core/awaitable.h"
// (first: the Asio headers below include awaitable.hpp too)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "automation/cron_job.h"
#include "automation/cron_store.h"
#include "automation/job_executor.h"
#include "rpc/gateway_runtime.h"

namespace openclaw::automation {

// cron.run's answer: whether a run was started, and if not why ("not-due", "already-running",
// "disabled").
struct RunNowResult {
  bool ran = false;
  std::string reason;
  std::string runId;
};

struct SchedulerStatus {
  bool enabled = false;
  std::size_t jobs = 0;
  std::optional<std::int64_t> nextWakeAtMs;
  std::size_t running = 0;
  // How often the scheduler's one timer has expired since start() (idle cost; for the bench).
  std::uint64_t timerWakeups = 0;
};

// The scheduler's fixed limits and upstream's startup pacing (tests shorten the delays).
struct CronServiceOptions {
  // Runs of different jobs at once, as upstream (fixed; cron.maxConcurrentRuns is retired).
  std::size_t maxConcurrentRuns = 8;
  // Jobs kept; cron.add refuses more.
  std::size_t maxJobs = 10'000;
  // At startup, overdue jobs that wait for an agent (agent turns, main-session system events
  // with wake "now") are rescheduled this far ahead instead of replayed during startup...
  std::int64_t startupAgentDelayMs = 120'000;
  // ...other overdue jobs beyond the first maxImmediateMissed run at once, and every rescheduled
  // one is spread this far after the previous.
  std::size_t maxImmediateMissed = 5;
  std::int64_t missedStaggerMs = 5'000;
};

// The scheduler: owns the jobs (in memory, written through to SQLite by cron_store), keeps ONE
// timer armed for the earliest due job, starts due runs through the JobExecutor within the
// global concurrency limit and never two runs of one job at once, records each run's outcome in
// the job's state and run history, and tells operators through `cron` events. Event-loop thread
// only (implemented in cron_service.cpp; the methods in methods/cron_methods.cpp call it).
class CronService {
 public:
  CronService(rpc::GatewayRuntime& runtime, JobExecutor& executor, CronServiceOptions options = {});
  ~CronService();
  CronService(const CronService&) = delete;
  CronService& operator=(const CronService&) = delete;

  // Loads the stored jobs, records runs that were in flight when the gateway last stopped as
  // interrupted, applies the missed-run policy and arms the timer. Called once, on the loop.
  void start();
  // Gateway shutdown or in-process restart: stops the timer, cancels running runs and records
  // them as interrupted. Nothing fires afterwards.
  void stop(const std::string& reason);
  // After a config reload: cron.enabled may have changed; re-arms (or disarms) the timer.
  void settingsApplied();

  // Reads (from memory).
  const CronJob* find(const std::string& id) const;
  std::vector<const CronJob*> jobs() const;  // in creation order
  SchedulerStatus status() const;

  // Writes: persisted (storage pool, in order), then a `cron` event. add() assigns the id,
  // timestamps and the first nextRunAtMs; replace() takes a job from jobWithPatch() and
  // recomputes the schedule when it or `enabled` changed. Errors: INVALID_REQUEST (too many
  // jobs), not-found with upstream's CronJobNotFoundErrorDetails.
  protocol::Result<CronJob> add(CronJob job);
  protocol::Result<CronJob> replace(CronJob job);
  protocol::Result<void> remove(const std::string& id);
  // cron.run: mode "force" runs now whatever the schedule, "due" only when due.
  protocol::Result<RunNowResult> runNow(const std::string& id, const std::string& mode);

  // Run history, newest first by default (storage pool).
  boost::asio::awaitable<RunsPage> runs(RunsQuery query);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// upstream's CronJobNotFoundErrorDetails error for `id` (INVALID_REQUEST with details
// {code:"CRON_JOB_NOT_FOUND", jobId}).
protocol::GatewayError jobNotFound(const std::string& id);

}  // namespace openclaw::automation
