#include "automation/cron_store.h"

#include <string>

#include "automation/cron_store_codec.h"
#include "core/json_fields.h"
#include "core/text.h"
#include "store/statement.h"

namespace openclaw::automation {

const store::Migration kCronMigration{
    .version = 8,
    .sql =
        "CREATE TABLE cron_jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);"
        "CREATE TABLE cron_runs (run_key INTEGER PRIMARY KEY AUTOINCREMENT,"
        " job_id TEXT NOT NULL, status TEXT NOT NULL, ts INTEGER NOT NULL,"
        " body TEXT NOT NULL);"
        "CREATE INDEX cron_runs_by_job ON cron_runs (job_id, ts);"
        "CREATE INDEX cron_runs_running ON cron_runs (run_key) WHERE status = 'running';"};

namespace {

constexpr const char* kRunning = "running";

// The WHERE clause of a runs query, with `?` for each bound value in order.
struct RunsFilter {
  std::string where = "status != 'running'";
  std::vector<std::string> values;

  void oneOf(const std::string& column, const std::vector<std::string>& choices) {
    where += " AND " + column + " IN (";
    for (std::size_t i = 0; i < choices.size(); ++i) {
      where += i == 0 ? "?" : ",?";
      values.push_back(choices[i]);
    }
    where += ")";
  }
};

RunsFilter runsFilter(const RunsQuery& query) {
  RunsFilter filter;
  if (!query.jobId.empty()) {
    filter.where += " AND job_id = ?";
    filter.values.push_back(query.jobId);
  }
  if (!query.statuses.empty()) {
    std::vector<std::string> names;
    for (const RunStatus status : query.statuses) names.emplace_back(runStatusName(status));
    filter.oneOf("status", names);
  }
  if (!query.deliveryStatuses.empty()) {
    std::vector<std::string> stored;  // the codec keeps the enum's index
    for (const DeliveryStatus status : query.deliveryStatuses) {
      stored.push_back(std::to_string(static_cast<int>(status)));
    }
    filter.oneOf("CAST(json_extract(body, '$.deliveryStatus') AS TEXT)", stored);
  }
  if (!query.runId.empty()) {
    filter.where += " AND json_extract(body, '$.runId') = ?";
    filter.values.push_back(query.runId);
  }
  if (!query.query.empty()) {
    filter.where += " AND (";
    const char* fields[] = {"json_extract(body, '$.summary')", "json_extract(body, '$.error')",
                            "job_id", "json_extract(body, '$.jobName')"};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      filter.where += std::string(i == 0 ? "" : " OR ") + "instr(lower(" + fields[i] + "), ?) > 0";
      filter.values.push_back(core::asciiLowercase(query.query));
    }
    filter.where += ")";
  }
  return filter;
}

int bindAll(store::Statement& statement, const std::vector<std::string>& values) {
  int index = 0;
  for (const auto& value : values) statement.bind(++index, value);
  return index;
}

}  // namespace

std::vector<CronJob> CronStore::loadJobs() {
  store::Statement select(database_.handle(), "SELECT body FROM cron_jobs ORDER BY seq");
  std::vector<CronJob> jobs;
  while (select.step()) jobs.push_back(jobFromStored(nlohmann::json::parse(select.text(0))));
  return jobs;
}

void CronStore::upsertJob(const CronJob& job) {
  store::Statement(database_.handle(),
                   "INSERT INTO cron_jobs (id, body) VALUES (?, ?)"
                   " ON CONFLICT (id) DO UPDATE SET body = excluded.body")
      .bind(1, job.id)
      .bind(2, core::compactJson(storedJob(job)))
      .run();
}

void CronStore::deleteJob(const std::string& id) {
  store::Transaction transaction(database_.handle());
  store::Statement(database_.handle(), "DELETE FROM cron_jobs WHERE id = ?").bind(1, id).run();
  store::Statement(database_.handle(), "DELETE FROM cron_runs WHERE job_id = ?").bind(1, id).run();
  transaction.commit();
}

std::int64_t CronStore::beginRun(const JobRunRecord& started) {
  store::Statement(database_.handle(),
                   "INSERT INTO cron_runs (job_id, status, ts, body) VALUES (?, ?, ?, ?)")
      .bind(1, started.jobId)
      .bind(2, std::string(kRunning))
      .bind(3, started.runAtMs)
      .bind(4, core::compactJson(storedRunRecord(started)))
      .run();
  store::Statement last(database_.handle(), "SELECT last_insert_rowid()");
  last.step();
  return last.integer(0);
}

void CronStore::writeFinished(std::int64_t key, const JobRunRecord& record) {
  store::Statement(database_.handle(),
                   "UPDATE cron_runs SET status = ?, ts = ?, body = ? WHERE run_key = ?")
      .bind(1, std::string(runStatusName(record.status)))
      .bind(2, record.ts)
      .bind(3, core::compactJson(storedRunRecord(record)))
      .bind(4, key)
      .run();
}

void CronStore::finishRun(std::int64_t key, const JobRunRecord& record) {
  store::Transaction transaction(database_.handle());
  writeFinished(key, record);
  store::Statement(database_.handle(),
                   "DELETE FROM cron_runs WHERE job_id = ?1 AND status != 'running' AND"
                   " (ts < ?2 OR run_key NOT IN (SELECT run_key FROM cron_runs WHERE job_id = ?1"
                   " AND status != 'running' ORDER BY ts DESC, run_key DESC LIMIT ?3))")
      .bind(1, record.jobId)
      .bind(2, record.ts - kRunRetentionMs)
      .bind(3, static_cast<std::int64_t>(kMaxRunsPerJob))
      .run();
  transaction.commit();
}

std::vector<JobRunRecord> CronStore::markInterrupted(std::int64_t nowMs, const std::string& error) {
  store::Transaction transaction(database_.handle());
  std::vector<std::pair<std::int64_t, JobRunRecord>> found;
  {
    store::Statement select(database_.handle(),
                            "SELECT run_key, body FROM cron_runs WHERE status = 'running'"
                            " ORDER BY run_key");
    while (select.step()) {
      JobRunRecord record = runRecordFromStored(nlohmann::json::parse(select.text(1)));
      record.ts = nowMs;
      record.status = RunStatus::Error;
      record.error = error;
      record.durationMs = std::max<std::int64_t>(0, nowMs - record.runAtMs);
      found.emplace_back(select.integer(0), std::move(record));
    }
  }
  std::vector<JobRunRecord> interrupted;
  for (auto& [key, record] : found) {
    writeFinished(key, record);
    interrupted.push_back(std::move(record));
  }
  transaction.commit();
  return interrupted;
}

RunsPage CronStore::runs(const RunsQuery& query) {
  const RunsFilter filter = runsFilter(query);
  RunsPage page;
  {
    const std::string sql = "SELECT COUNT(*) FROM cron_runs WHERE " + filter.where;
    store::Statement count(database_.handle(), sql.c_str());
    bindAll(count, filter.values);
    count.step();
    page.total = static_cast<std::size_t>(count.integer(0));
  }
  const char* order = query.newestFirst ? "DESC" : "ASC";
  const std::string sql = "SELECT body FROM cron_runs WHERE " + filter.where + " ORDER BY ts " +
                          order + ", run_key " + order + " LIMIT ? OFFSET ?";
  store::Statement select(database_.handle(), sql.c_str());
  const int bound = bindAll(select, filter.values);
  select.bind(bound + 1, static_cast<std::int64_t>(query.limit))
      .bind(bound + 2, static_cast<std::int64_t>(query.offset));
  while (select.step()) {
    page.entries.push_back(runRecordFromStored(nlohmann::json::parse(select.text(0))));
  }
  return page;
}

}  // namespace openclaw::automation
