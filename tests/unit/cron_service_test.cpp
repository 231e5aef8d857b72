#include "automation/cron_service.h"

#include "cron_service_fixture.h"

namespace openclaw::automation::fixture {
namespace {

TEST_F(CronServiceTest, AnAtJobFiresOnceThenDeletesItself) {
  restart();
  const CronJob job = add(atJob(200));
  ASSERT_TRUE(job.state.nextRunAtMs);
  EXPECT_EQ(service->status().nextWakeAtMs, job.state.nextRunAtMs);

  runUntil([&] { return cronEvents("removed").size() == 1; });
  EXPECT_EQ(executor->runsOf(job.id), 1u);
  EXPECT_EQ(service->find(job.id), nullptr);
  ASSERT_EQ(cronEvents("started").size(), 1u);
  ASSERT_EQ(cronEvents("finished").size(), 1u);
  EXPECT_EQ(cronEvents("finished")[0].at("status"), "ok");
  EXPECT_GE(cronEvents("started")[0].at("runAtMs").get<std::int64_t>(), *job.state.nextRunAtMs);

  runFor(300ms);
  EXPECT_EQ(executor->runsOf(job.id), 1u);
  settle();
  EXPECT_TRUE(storedJobs().empty());
  EXPECT_FALSE(service->status().nextWakeAtMs);
}

TEST_F(CronServiceTest, AFailedOneShotStaysDisabledWithItsError) {
  restart();
  executor->hold = true;
  const CronJob job = add(atJob(50));
  runUntil([&] { return executor->runs.size() == 1; });
  JobRunOutcome failure;
  failure.status = RunStatus::Error;
  failure.error = "model unavailable";
  executor->runs[0]->end(failure);
  runUntil([&] { return cronEvents("finished").size() == 1; });

  const CronJob* kept = service->find(job.id);
  ASSERT_NE(kept, nullptr);
  EXPECT_FALSE(kept->enabled);
  EXPECT_FALSE(kept->state.nextRunAtMs);
  EXPECT_EQ(kept->state.lastRunStatus, RunStatus::Error);
  EXPECT_EQ(kept->state.lastError, "model unavailable");
  EXPECT_EQ(kept->state.consecutiveErrors, 1);
  settle();
  ASSERT_EQ(storedJobs().size(), 1u);
  EXPECT_FALSE(storedJobs()[0].enabled);
  const RunsPage runs = history();
  ASSERT_EQ(runs.total, 1u);
  EXPECT_EQ(runs.entries[0].error, "model unavailable");
}

TEST_F(CronServiceTest, AnEveryJobFiresRepeatedlyButNeverOverlapsItself) {
  restart();
  executor->hold = true;
  const CronJob job = add(everyJob(150));
  runUntil([&] { return executor->runs.size() == 1; });

  // Held across several intervals and a config reload: no second run of the same job.
  service->settingsApplied();
  runFor(500ms);
  EXPECT_EQ(executor->runs.size(), 1u);
  EXPECT_EQ(service->status().running, 1u);
  const auto asRun = service->runNow(job.id, "force");
  ASSERT_TRUE(asRun.ok());
  EXPECT_FALSE(asRun->ran);
  EXPECT_EQ(asRun->reason, "already-running");

  executor->runs[0]->succeed();
  runUntil([&] { return executor->runs.size() == 2; });
  executor->runs[1]->succeed();
  runUntil([&] { return executor->runs.size() == 3; });
  executor->runs[2]->succeed();
  runUntil([&] { return cronEvents("finished").size() == 3; });
  EXPECT_EQ(executor->peak, 1u);
  const CronJob* now = service->find(job.id);
  EXPECT_EQ(now->state.lastRunStatus, RunStatus::Ok);
  EXPECT_EQ(now->state.consecutiveErrors, 0);
  ASSERT_TRUE(now->state.nextRunAtMs);
  EXPECT_GT(*now->state.nextRunAtMs, *now->state.lastRunAtMs);
}

TEST_F(CronServiceTest, TheGlobalLimitHoldsWithManyDueJobs) {
  restart();
  executor->hold = true;
  for (int i = 0; i < 10; ++i) add(atJob(50));
  runUntil([&] { return executor->runs.size() == 3; });
  runFor(200ms);
  EXPECT_EQ(executor->runs.size(), 3u);
  // Each finished run lets one more start, until all ten ran.
  for (std::size_t next = 0; next < 10; ++next) {
    runUntil([&] { return executor->runs.size() >= std::min<std::size_t>(next + 3, 10); });
    executor->runs[next]->succeed();
  }
  runUntil([&] { return cronEvents("finished").size() == 10; });
  EXPECT_EQ(executor->peak, 3u);
  EXPECT_TRUE(service->jobs().empty());
}

TEST_F(CronServiceTest, RemovingARunningJobCancelsItsRun) {
  restart();
  executor->hold = true;
  const CronJob job = add(everyJob(100));
  runUntil([&] { return executor->runs.size() == 1; });
  ASSERT_TRUE(service->remove(job.id).ok());
  runUntil([&] { return cronEvents("finished").size() == 1; });
  EXPECT_EQ(executor->runs[0]->cancelReason, "Cron job removed by operator.");
  EXPECT_EQ(cronEvents("removed").size(), 1u);
  EXPECT_EQ(service->find(job.id), nullptr);
  runFor(300ms);
  EXPECT_EQ(executor->runs.size(), 1u);

  const auto unknown = service->remove(job.id);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "INVALID_REQUEST");
  EXPECT_EQ(unknown.error().details.at("code"), "CRON_JOB_NOT_FOUND");
  EXPECT_EQ(unknown.error().details.at("jobId"), job.id);
}

TEST_F(CronServiceTest, ARunOverItsBudgetIsCancelled) {
  restart();
  executor->hold = true;
  CronJob job = everyJob(60'000);
  job.schedule = AtSchedule{"", core::nowMs() + 50};
  job.payload = AgentTurnPayload{"think long", std::nullopt, std::nullopt, 0.2, false};
  const CronJob added = add(job);
  runUntil([&] { return cronEvents("finished").size() == 1; });
  EXPECT_EQ(executor->runs[0]->cancelReason, "cron: job execution timed out");
  EXPECT_EQ(service->find(added.id)->state.lastError, "cron: job execution timed out");
}

TEST_F(CronServiceTest, DisabledSchedulingFiresNothingUntilEnabledLive) {
  settings.cron.enabled = false;
  restart();
  const CronJob job = add(atJob(50));
  runFor(300ms);
  EXPECT_TRUE(executor->runs.empty());
  EXPECT_FALSE(service->status().enabled);
  EXPECT_FALSE(service->status().nextWakeAtMs);

  settings.cron.enabled = true;
  service->settingsApplied();
  runUntil([&] { return executor->runsOf(job.id) == 1; });
}

TEST_F(CronServiceTest, RunNowForcesDueChecksAndKeepsTheCadence) {
  restart();
  CronJob job = everyJob(3'600'000);
  const CronJob added = add(job);
  const auto notDue = service->runNow(added.id, "due");
  ASSERT_TRUE(notDue.ok());
  EXPECT_FALSE(notDue->ran);
  EXPECT_EQ(notDue->reason, "not-due");

  const auto forced = service->runNow(added.id, "force");
  ASSERT_TRUE(forced.ok());
  EXPECT_TRUE(forced->ran);
  EXPECT_EQ(forced->runId.rfind("cron:" + added.id + ":", 0), 0u);
  runUntil([&] { return cronEvents("finished").size() == 1; });
  EXPECT_EQ(service->find(added.id)->state.nextRunAtMs, added.state.nextRunAtMs);

  CronJob paused = *service->find(added.id);
  paused.enabled = false;
  ASSERT_TRUE(service->replace(paused).ok());
  EXPECT_FALSE(service->find(added.id)->state.nextRunAtMs);
  EXPECT_EQ(service->runNow(added.id, "if-enabled")->reason, "disabled");
  EXPECT_FALSE(service->runNow("nope", "force").ok());
}

TEST_F(CronServiceTest, StopRecordsTheRunningRunAsInterruptedAndFiresNothingMore) {
  restart();
  executor->hold = true;
  add(everyJob(100));
  runUntil([&] { return executor->runs.size() == 1; });
  service->stop("gateway stopping");
  EXPECT_EQ(executor->runs[0]->cancelReason, "cron: job interrupted: gateway stopping");
  runFor(300ms);
  EXPECT_EQ(executor->runs.size(), 1u);
  settle();
  const RunsPage runs = history();
  ASSERT_EQ(runs.total, 1u);
  EXPECT_EQ(runs.entries[0].status, RunStatus::Error);
  EXPECT_EQ(runs.entries[0].error, "cron: job interrupted: gateway stopping");
  // Nothing is left "running" for the next start to find.
  EXPECT_TRUE(onStorage([&] { return CronStore(database).markInterrupted(0, "x"); }).empty());
}

TEST_F(CronServiceTest, AKilledRunIsRecordedInterruptedOnceAndItsSlotDoesNotFireAgain) {
  hold = true;
  restart();
  CronJob job = everyJob(3'600'000);
  // Slots an hour apart, the next one 100 ms from now.
  job.schedule = EverySchedule{3'600'000, core::nowMs() + 100 - 3'600'000};
  const CronJob added = add(job);
  runUntil([&] { return executor->runs.size() == 1; });
  settle();

  restart();  // the old service is gone without stop(): its run row still says "running"
  ASSERT_EQ(cronEvents("finished").size(), 1u);
  EXPECT_EQ(cronEvents("finished")[0].at("error"), "cron: job interrupted by gateway restart");
  const CronJob* reloaded = service->find(added.id);
  ASSERT_NE(reloaded, nullptr);
  EXPECT_EQ(reloaded->state.lastRunStatus, RunStatus::Error);
  EXPECT_FALSE(reloaded->state.runningAtMs);
  EXPECT_GT(*reloaded->state.nextRunAtMs, core::nowMs() + 3'000'000);
  runFor(300ms);
  EXPECT_TRUE(executor->runs.empty());

  restart();
  EXPECT_EQ(cronEvents("finished").size(), 1u);
  RunsQuery errors;
  errors.statuses = {RunStatus::Error};
  EXPECT_EQ(history(errors).total, 1u);
}

TEST_F(CronServiceTest, AnInterruptedOneShotIsCaughtUpAfterRestart) {
  hold = true;
  restart();
  const CronJob job = add(atJob(50));
  runUntil([&] { return executor->runs.size() == 1; });
  settle();

  hold = false;
  restart();
  runUntil([&] { return executor->runsOf(job.id) == 1; });
  runUntil([&] { return service->find(job.id) == nullptr; });
  // The interrupted run and the one that completed (the history went with the job).
  EXPECT_EQ(cronEvents("finished").size(), 2u);
}

TEST_F(CronServiceTest, MissedRunsAfterRestartFollowUpstreamsCatchUpPolicy) {
  options.startupAgentDelayMs = 300;
  options.missedStaggerMs = 100;
  const std::int64_t now = core::nowMs();
  CronJob notice = systemEventJob(EverySchedule{3'600'000, now - 3'000'000});
  notice.id = "notice";
  notice.state.nextRunAtMs = now - 60'000;
  CronJob turn = notice;
  turn.id = "turn";
  turn.payload = AgentTurnPayload{"report", std::nullopt, std::nullopt, std::nullopt, false};
  onStorage([&] {
    CronStore into(database);
    into.upsertJob(notice);
    into.upsertJob(turn);
    return 0;
  });

  restart();
  runUntil([&] { return executor->runsOf("notice") == 1; });  // replayed at once
  EXPECT_EQ(executor->runsOf("turn"), 0u);                    // an agent turn waits past startup
  const std::int64_t deferredTo = *service->find("turn")->state.nextRunAtMs;
  EXPECT_GE(deferredTo, now + 300);
  runUntil([&] { return executor->runsOf("turn") == 1; });
  EXPECT_GE(core::nowMs(), deferredTo);
}

TEST_F(CronServiceTest, SkipMissedJobsAdvancesRecurringJobsInsteadOfReplaying) {
  settings.cron.skipMissedJobs = true;
  const std::int64_t now = core::nowMs();
  CronJob missed = systemEventJob(EverySchedule{3'600'000, now - 3'600'000 + 60'000});
  missed.id = "missed";
  missed.state.nextRunAtMs = now - 3'000'000;
  onStorage([&] {
    CronStore(database).upsertJob(missed);
    return 0;
  });
  restart();
  runFor(200ms);
  EXPECT_TRUE(executor->runs.empty());
  EXPECT_EQ(service->find("missed")->state.nextRunAtMs, now + 60'000);
}

TEST_F(CronServiceTest, TenThousandIdleJobsCostOneTimerAndNoWakeUps) {
  restart();
  for (int i = 0; i < 10'000; ++i) add(everyJob(3'600'000));
  EXPECT_EQ(service->jobs().size(), 10'000u);
  CronJob oneMore = everyJob(3'600'000);
  const auto refused = service->add(oneMore);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "INVALID_REQUEST");
  settle();

  restart();  // loaded back from SQLite
  const SchedulerStatus status = service->status();
  EXPECT_EQ(status.jobs, 10'000u);
  ASSERT_TRUE(status.nextWakeAtMs);
  EXPECT_GT(*status.nextWakeAtMs, core::nowMs() + 3'000'000);
  runFor(300ms);
  EXPECT_EQ(service->status().timerWakeups, 0u);
  EXPECT_TRUE(executor->runs.empty());
}

}  // namespace
}  // namespace openclaw::automation::fixture
