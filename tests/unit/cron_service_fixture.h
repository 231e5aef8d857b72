#pragma once

// A CronService on a private event loop and database, with an executor the test completes on
// command, for the scheduler's tests.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <future>

#include "automation/cron_service.h"
#include "core/clock.h"
#include "daemon/gateway_schema.h"
#include "run_manager_fixture.h"
#include "temp_dir.h"

namespace openclaw::automation::fixture {

using namespace std::chrono_literals;
using nlohmann::json;

// Starts no agent run: each started run waits for the test (hold) or ends at once with Ok.
class TestExecutor : public JobExecutor {
 public:
  struct Run : JobRunHandle {
    Run(boost::asio::io_context& ioIn, std::string id, Done doneIn)
        : io(ioIn), jobId(std::move(id)), done(std::move(doneIn)) {}
    void cancel(const std::string& reason) override {
      cancelReason = reason;
      JobRunOutcome outcome;
      outcome.status = RunStatus::Error;
      outcome.error = reason;
      end(std::move(outcome));
    }
    // Reports `outcome` (posted: never inside start() or cancel()); later calls do nothing.
    void end(JobRunOutcome outcome) {
      if (ended) return;
      ended = true;
      boost::asio::post(io, [done = done, outcome = std::move(outcome)] { done(outcome); });
    }
    void succeed() {
      JobRunOutcome outcome;
      outcome.summary = "done " + jobId;
      end(std::move(outcome));
    }
    boost::asio::io_context& io;
    std::string jobId;
    Done done;
    bool ended = false;
    std::optional<std::string> cancelReason;
  };

  explicit TestExecutor(boost::asio::io_context& io) : io_(io) {}

  std::shared_ptr<JobRunHandle> start(const CronJob& job, Done done) override {
    auto run = std::make_shared<Run>(io_, job.id, std::move(done));
    runs.push_back(run);
    peak = std::max(peak, active());
    if (!hold) run->succeed();
    return run;
  }

  std::size_t active() const {
    return static_cast<std::size_t>(
        std::count_if(runs.begin(), runs.end(), [](const auto& run) { return !run->ended; }));
  }
  std::size_t runsOf(const std::string& jobId) const {
    return static_cast<std::size_t>(std::count_if(
        runs.begin(), runs.end(), [&](const auto& run) { return run->jobId == jobId; }));
  }

  bool hold = false;
  std::vector<std::shared_ptr<Run>> runs;
  std::size_t peak = 0;

 private:
  boost::asio::io_context& io_;
};

class CronServiceTest : public ::testing::Test {
 protected:
  CronServiceTest() { options.maxConcurrentRuns = 3; }
  ~CronServiceTest() override {
    service.reset();
    storage.join();
    blocking.join();
  }

  // A new service over the test's database (the previous one is dropped without stop(): a
  // gateway killed with -9), started.
  CronService& restart() {
    service.reset();
    executor = std::make_unique<TestExecutor>(io);
    executor->hold = hold;
    service = std::make_unique<CronService>(runtime, *executor, options);
    service->start();
    settle();
    return *service;
  }

  // Lets queued work on the loop and the storage thread finish.
  void settle() {
    io.poll();  // what the loop has to start first (it may queue storage work)
    std::promise<void> flushed;
    boost::asio::post(storage, [&] { flushed.set_value(); });
    auto done = flushed.get_future();
    while (done.wait_for(0ms) != std::future_status::ready) io.run_one_for(5ms);
    io.poll();
  }

  // Runs the event loop until `done` holds (5 s deadline).
  void runUntil(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "condition not reached in 5 s";
      io.run_one_for(20ms);
    }
  }

  // Runs the event loop for `span` (to show that nothing happens meanwhile).
  void runFor(std::chrono::milliseconds span) {
    const auto until = std::chrono::steady_clock::now() + span;
    while (std::chrono::steady_clock::now() < until) io.run_one_until(until);
  }

  template <class Work>
  auto onStorage(Work job) {
    std::packaged_task<std::invoke_result_t<Work&>()> task(std::move(job));
    auto result = task.get_future();
    boost::asio::post(storage, [&task] { task(); });
    return result.get();
  }
  RunsPage history(RunsQuery query = {}) {
    return onStorage([&] { return CronStore(database).runs(query); });
  }
  std::vector<CronJob> storedJobs() {
    return onStorage([&] { return CronStore(database).loadJobs(); });
  }

  std::vector<json> cronEvents(const std::string& action) const {
    std::vector<json> out;
    for (const json& event : sink.named("cron")) {
      if (event.at("action") == action) out.push_back(event);
    }
    return out;
  }

  static CronJob systemEventJob(Schedule schedule) {
    CronJob job;
    job.name = "tick";
    job.schedule = std::move(schedule);
    job.payload = SystemEventPayload{"tick"};
    job.wakeNow = false;
    return job;
  }
  static CronJob everyJob(std::int64_t everyMs) {
    return systemEventJob(EverySchedule{everyMs, std::nullopt});
  }
  static CronJob atJob(std::int64_t inMs) {
    CronJob job = systemEventJob(AtSchedule{"", core::nowMs() + inMs});
    job.deleteAfterRun = true;
    return job;
  }

  CronJob add(CronJob job) {
    auto added = service->add(std::move(job));
    EXPECT_TRUE(added.ok());
    return *added;
  }

  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  boost::asio::thread_pool storage{1};
  boost::asio::thread_pool blocking{1};
  testsupport::TempDir dir;
  store::Database database{dir.path() / "openclaw.db", daemon::gatewaySchema()};
  config::GatewaySettings settings;
  runs::fixture::RecordingSink sink;
  rpc::GatewayRuntime runtime{io, storage, blocking, database, settings, sink};
  CronServiceOptions options;
  bool hold = false;  // executors made by restart() hold their runs
  std::unique_ptr<TestExecutor> executor;
  std::unique_ptr<CronService> service;
};

}  // namespace openclaw::automation::fixture
