#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "automation/cron_job.h"
#include "store/database.h"

namespace openclaw::automation {

// The cron tables' schema step (8): cron_jobs (one row per job, its fields as JSON, in creation
// order) and cron_runs (one row per run: written with status "running" when the run starts and
// finished in place, so a gateway killed mid-run leaves evidence).
extern const store::Migration kCronMigration;

// Terminal run history kept per job, as upstream: the newest kMaxRunsPerJob rows, and none
// older than kRunRetentionMs (checked when a run of that job finishes).
inline constexpr std::size_t kMaxRunsPerJob = 2000;
inline constexpr std::int64_t kRunRetentionMs = 7LL * 24 * 60 * 60 * 1000;

// cron.runs' filters and page (upstream CronRunsParams, the subset this gateway answers).
struct RunsQuery {
  std::string jobId;                             // empty: every job (scope "all")
  std::vector<RunStatus> statuses;               // empty: every status
  std::vector<DeliveryStatus> deliveryStatuses;  // empty: every delivery status
  std::string runId;                             // empty: every run
  std::string query;  // case-insensitive text in the summary, error, job id or job name
  std::size_t limit = 50;
  std::size_t offset = 0;
  bool newestFirst = true;
};

struct RunsPage {
  std::vector<JobRunRecord> entries;
  std::size_t total = 0;
};

// Reads and writes the cron tables. Blocking SQLite: call only on the storage thread.
class CronStore {
 public:
  explicit CronStore(store::Database& database) : database_(database) {}

  // Every stored job, in creation order.
  std::vector<CronJob> loadJobs();
  void upsertJob(const CronJob& job);
  // Deletes the job and its run history.
  void deleteJob(const std::string& id);

  // Records a started run (status "running"; record.ts is ignored); returns its row key.
  std::int64_t beginRun(const JobRunRecord& started);
  // Finishes the run `key` with `record`, then bounds the job's history.
  void finishRun(std::int64_t key, const JobRunRecord& record);
  // Finishes every run still "running" as an Error with `error` at `nowMs` and returns them
  // (each once: a second call finds none).
  std::vector<JobRunRecord> markInterrupted(std::int64_t nowMs, const std::string& error);

  // Finished runs matching `query` (running rows are not history yet).
  RunsPage runs(const RunsQuery& query);

 private:
  // Writes run `key`'s terminal status and record.
  void writeFinished(std::int64_t key, const JobRunRecord& record);

  store::Database& database_;
};

}  // namespace openclaw::automation
