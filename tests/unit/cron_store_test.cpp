#include "automation/cron_store.h"

#include <gtest/gtest.h>

#include "automation/cron_store_codec.h"
#include "daemon/gateway_schema.h"
#include "temp_dir.h"

namespace openclaw::automation {
namespace {

class CronStoreTest : public ::testing::Test {
 protected:
  static CronJob agentJob(const std::string& id) {
    CronJob job;
    job.id = id;
    job.name = "digest " + id;
    job.description = "morning digest";
    job.agentId = "ops";
    job.sessionKey = "agent:ops:main";
    job.deleteAfterRun = true;
    job.createdAtMs = 1000;
    job.updatedAtMs = 2000;
    job.schedule = CronSchedule{"0 7 * * 1-5", "Europe/Vienna", 30'000};
    job.sessionTarget = "isolated";
    job.wakeNow = false;
    job.payload = AgentTurnPayload{"summarize", "openai/gpt-5", "low", 90.5, true};
    job.delivery.mode = DeliveryMode::Announce;
    job.delivery.channel = "irc";
    job.delivery.to = "#ops";
    job.delivery.threadId = "t1";
    job.delivery.failureDestination =
        FailureDestination{"telegram", "42", "bot", DeliveryMode::Announce};
    job.state.nextRunAtMs = 5000;
    job.state.lastRunStatus = RunStatus::Error;
    job.state.lastError = "boom";
    job.state.consecutiveErrors = 2;
    job.state.lastDeliveryStatus = DeliveryStatus::NotDelivered;
    return job;
  }

  static JobRunRecord startedRun(const std::string& jobId, std::int64_t runAtMs) {
    JobRunRecord record;
    record.jobId = jobId;
    record.jobName = "job " + jobId;
    record.runId = "cron:" + jobId + ":" + std::to_string(runAtMs);
    record.runAtMs = runAtMs;
    return record;
  }

  static JobRunRecord finished(JobRunRecord record, std::int64_t ts, RunStatus status) {
    record.ts = ts;
    record.status = status;
    record.durationMs = ts - record.runAtMs;
    return record;
  }

  testsupport::TempDir dir;
  store::Database database{dir.path() / "openclaw.db", daemon::gatewaySchema()};
  CronStore store{database};
};

TEST_F(CronStoreTest, JobsRoundTripEveryFieldInCreationOrder) {
  CronJob every;
  every.id = "b-every";
  every.schedule = EverySchedule{60'000, 123};
  every.payload = SystemEventPayload{"check the queue"};
  CronJob at;
  at.id = "a-at";
  at.schedule = AtSchedule{"2030-01-01T00:00:00Z", 1'893'456'000'000};
  at.payload = SystemEventPayload{"once"};

  store.upsertJob(agentJob("c-cron"));
  store.upsertJob(every);
  store.upsertJob(at);
  CronJob changed = agentJob("c-cron");
  changed.name = "renamed";
  store.upsertJob(changed);  // an update keeps the job's place

  const auto jobs = store.loadJobs();
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].id, "c-cron");
  EXPECT_EQ(jobs[1].id, "b-every");
  EXPECT_EQ(jobs[2].id, "a-at");
  EXPECT_EQ(storedJob(jobs[0]), storedJob(changed));
  EXPECT_EQ(storedJob(jobs[1]), storedJob(every));
  EXPECT_EQ(storedJob(jobs[2]), storedJob(at));
  EXPECT_EQ(jobs[0].name, "renamed");
  EXPECT_EQ(std::get<AgentTurnPayload>(jobs[0].payload).timeoutSeconds, 90.5);
  EXPECT_EQ(jobs[0].delivery.failureDestination->mode, DeliveryMode::Announce);
}

TEST_F(CronStoreTest, DeletingAJobDeletesItsHistory) {
  store.upsertJob(agentJob("gone"));
  store.upsertJob(agentJob("kept"));
  store.finishRun(store.beginRun(startedRun("gone", 10)),
                  finished(startedRun("gone", 10), 20, RunStatus::Ok));
  store.finishRun(store.beginRun(startedRun("kept", 10)),
                  finished(startedRun("kept", 10), 20, RunStatus::Ok));
  store.deleteJob("gone");
  ASSERT_EQ(store.loadJobs().size(), 1u);
  const RunsPage page = store.runs({});
  ASSERT_EQ(page.total, 1u);
  EXPECT_EQ(page.entries[0].jobId, "kept");
}

TEST_F(CronStoreTest, RunningRowsAreNotHistoryUntilFinished) {
  const auto key = store.beginRun(startedRun("j", 100));
  EXPECT_EQ(store.runs({}).total, 0u);
  JobRunRecord done = finished(startedRun("j", 100), 150, RunStatus::Ok);
  done.summary = "all good";
  done.deliveryStatus = DeliveryStatus::Delivered;
  done.inputTokens = 12;
  store.finishRun(key, done);
  const RunsPage page = store.runs({});
  ASSERT_EQ(page.total, 1u);
  EXPECT_EQ(storedRunRecord(page.entries[0]), storedRunRecord(done));
}

TEST_F(CronStoreTest, InFlightRunsAreMarkedInterruptedExactlyOnce) {
  store.beginRun(startedRun("a", 1000));
  store.beginRun(startedRun("b", 1500));
  store.finishRun(store.beginRun(startedRun("c", 1000)),
                  finished(startedRun("c", 1000), 1100, RunStatus::Ok));

  const auto interrupted = store.markInterrupted(4000, "cron: job interrupted by gateway restart");
  ASSERT_EQ(interrupted.size(), 2u);
  EXPECT_EQ(interrupted[0].jobId, "a");
  EXPECT_EQ(interrupted[0].status, RunStatus::Error);
  EXPECT_EQ(interrupted[0].error, "cron: job interrupted by gateway restart");
  EXPECT_EQ(interrupted[0].ts, 4000);
  EXPECT_EQ(interrupted[0].durationMs, 3000);
  EXPECT_EQ(interrupted[1].jobId, "b");
  EXPECT_TRUE(store.markInterrupted(5000, "again").empty());

  RunsQuery errors;
  errors.statuses = {RunStatus::Error};
  const RunsPage page = store.runs(errors);
  ASSERT_EQ(page.total, 2u);
  EXPECT_EQ(page.entries[0].error, "cron: job interrupted by gateway restart");
}

TEST_F(CronStoreTest, QueriesFilterByJobAndStatusAndPage) {
  for (int i = 0; i < 5; ++i) {
    const auto status = i % 2 == 0 ? RunStatus::Ok : RunStatus::Error;
    store.finishRun(store.beginRun(startedRun("x", i * 10)),
                    finished(startedRun("x", i * 10), i * 10 + 5, status));
  }
  store.finishRun(store.beginRun(startedRun("y", 0)),
                  finished(startedRun("y", 0), 100, RunStatus::Skipped));

  RunsQuery x;
  x.jobId = "x";
  x.limit = 2;
  x.offset = 1;
  RunsPage page = store.runs(x);
  EXPECT_EQ(page.total, 5u);
  ASSERT_EQ(page.entries.size(), 2u);
  EXPECT_EQ(page.entries[0].ts, 35);  // newest first, after skipping the newest
  EXPECT_EQ(page.entries[1].ts, 25);

  x.newestFirst = false;
  x.offset = 0;
  x.statuses = {RunStatus::Ok};
  page = store.runs(x);
  EXPECT_EQ(page.total, 3u);
  ASSERT_EQ(page.entries.size(), 2u);
  EXPECT_EQ(page.entries[0].ts, 5);

  RunsQuery all;
  all.statuses = {RunStatus::Skipped, RunStatus::Error};
  EXPECT_EQ(store.runs(all).total, 3u);
}

TEST_F(CronStoreTest, HistoryKeepsTheNewestRunsPerJobAndNothingOlderThanAWeek) {
  const std::int64_t day = 24LL * 60 * 60 * 1000;
  const std::int64_t base = 100 * day;
  // Old, then kMaxRunsPerJob + 10 recent runs of one job; another job is never pruned by it.
  store.finishRun(store.beginRun(startedRun("other", 0)),
                  finished(startedRun("other", 0), 1, RunStatus::Ok));
  store.finishRun(store.beginRun(startedRun("busy", base - 8 * day)),
                  finished(startedRun("busy", base - 8 * day), base - 8 * day, RunStatus::Ok));
  store.beginRun(startedRun("busy", base - 9 * day));
  for (std::size_t i = 0; i < kMaxRunsPerJob + 10; ++i) {
    const auto at = base + static_cast<std::int64_t>(i);
    store.finishRun(store.beginRun(startedRun("busy", at)),
                    finished(startedRun("busy", at), at, RunStatus::Ok));
  }
  RunsQuery busy;
  busy.jobId = "busy";
  busy.limit = 1;
  RunsPage page = store.runs(busy);
  EXPECT_EQ(page.total, kMaxRunsPerJob);
  EXPECT_EQ(page.entries[0].ts, base + static_cast<std::int64_t>(kMaxRunsPerJob) + 9);
  busy.newestFirst = false;
  EXPECT_EQ(store.runs(busy).entries[0].ts, base + 10);  // the oldest ten and the old one went
  RunsQuery other;
  other.jobId = "other";
  EXPECT_EQ(store.runs(other).total, 1u);
  // A run in flight is never pruned: it is still marked interrupted.
  const auto interrupted = store.markInterrupted(base + 3 * day, "interrupted");
  ASSERT_EQ(interrupted.size(), 1u);
  EXPECT_EQ(interrupted[0].runAtMs, base - 9 * day);
}

}  // namespace
}  // namespace openclaw::automation
