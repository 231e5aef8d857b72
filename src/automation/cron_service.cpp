#include "automation/cron_service.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <list>
#include <set>
#include <unordered_map>
#include <utility>

#include "automation/cron_events.h"
#include "automation/cron_store_codec.h"
#include "core/clock.h"
#include "core/logging.h"
#include "core/random_ids.h"
#include "core/utf8.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::automation {
namespace {

// Upstream's texts for a run found in flight at startup and for a run over its budget.
constexpr const char* kInterruptedAtStartup = "cron: job interrupted by gateway restart";
constexpr const char* kTimedOut = "cron: job execution timed out";
constexpr const char* kDisabledByOperator = "Cron job disabled by operator.";
constexpr const char* kRemovedByOperator = "Cron job removed by operator.";

// Upstream's budgets when a job sets none: an hour for agent turns, ten minutes otherwise.
constexpr std::int64_t kAgentTurnBudgetMs = 60LL * 60 * 1000;
constexpr std::int64_t kDefaultBudgetMs = 10LL * 60 * 1000;
// The timer re-reads the wall clock at least this often (clock steps, suspend), so even an idle
// scheduler whose next job is days away costs one wake-up an hour.
constexpr std::int64_t kMaxTimerDelayMs = 60LL * 60 * 1000;
// A run's summary in history and events.
constexpr std::size_t kMaxSummaryChars = 2000;

bool isOneShot(const CronJob& job) { return std::holds_alternative<AtSchedule>(job.schedule); }

// nullopt: no budget (an agent turn with timeoutSeconds <= 0).
std::optional<std::int64_t> runBudgetMs(const CronJob& job) {
  const auto* turn = std::get_if<AgentTurnPayload>(&job.payload);
  if (turn == nullptr) return kDefaultBudgetMs;
  if (!turn->timeoutSeconds) return kAgentTurnBudgetMs;
  if (*turn->timeoutSeconds <= 0) return std::nullopt;
  return static_cast<std::int64_t>(*turn->timeoutSeconds * 1000.0);
}

// Upstream's "completion succeeded": the payload ran and a requested delivery was confirmed,
// was best-effort, or was left out on purpose (`suppressed`: an empty or NO_REPLY answer).
bool completionSucceeded(const CronJob& job, const JobRunRecord& record, bool suppressed) {
  if (record.status != RunStatus::Ok) return false;
  return suppressed || job.delivery.bestEffort ||
         record.deliveryStatus == DeliveryStatus::Delivered ||
         record.deliveryStatus == DeliveryStatus::NotRequested;
}

// Overdue jobs of this kind are not replayed during startup (upstream: they wait for an agent).
bool waitsForAgent(const CronJob& job) {
  if (std::holds_alternative<AgentTurnPayload>(job.payload)) return true;
  return job.sessionTarget == "main" && job.wakeNow;
}

}  // namespace

struct CronService::Impl {
  // One run of a job, from the moment the scheduler decides to start it.
  struct Run {
    CronJob job;  // as it was when the run started
    std::string runId;
    std::int64_t runAtMs = 0;
    std::optional<std::int64_t> key;       // its cron_runs row, once written
    std::shared_ptr<JobRunHandle> handle;  // null until the executor started it
    std::optional<std::string> cancelled;  // why, when cancelled before the executor started
    bool finished = false;
    std::unique_ptr<boost::asio::steady_timer> budget;
  };

  Impl(rpc::GatewayRuntime& runtimeIn, JobExecutor& executorIn, CronServiceOptions optionsIn)
      : runtime(runtimeIn),
        executor(executorIn),
        options(optionsIn),
        store(runtimeIn.database),
        timer(runtimeIn.io) {}

  rpc::GatewayRuntime& runtime;
  JobExecutor& executor;
  const CronServiceOptions options;
  CronStore store;  // used on the storage thread only (copied into the work)
  // Callbacks that may outlive the service hold a weak_ptr to this.
  std::shared_ptr<int> life = std::make_shared<int>(0);
  std::shared_ptr<spdlog::logger> log = core::logger("cron");

  std::list<CronJob> jobs;  // creation order; pointers stay valid
  std::unordered_map<std::string, std::list<CronJob>::iterator> byId;
  // Enabled jobs with a next run that are not running, earliest first: the timer's one target.
  std::set<std::pair<std::int64_t, std::string>> due;
  std::unordered_map<std::string, std::int64_t> dueAt;
  std::unordered_map<std::string, std::shared_ptr<Run>> running;

  boost::asio::steady_timer timer;
  std::uint64_t wakeups = 0;
  bool started = false;
  bool stopped = false;

  bool enabled() const { return runtime.settings.cron.enabled; }

  CronJob* findJob(const std::string& id) {
    const auto found = byId.find(id);
    return found == byId.end() ? nullptr : &*found->second;
  }

  // --- the due index and the timer ---

  void unindex(const std::string& id) {
    const auto found = dueAt.find(id);
    if (found == dueAt.end()) return;
    due.erase({found->second, id});
    dueAt.erase(found);
  }

  void index(const CronJob& job) {
    unindex(job.id);
    if (!job.enabled || !job.state.nextRunAtMs || running.contains(job.id)) return;
    due.emplace(*job.state.nextRunAtMs, job.id);
    dueAt.emplace(job.id, *job.state.nextRunAtMs);
  }

  // The next fire of an enabled job after `afterMs`; none for a disabled one.
  static std::optional<std::int64_t> nextRun(const CronJob& job, std::int64_t afterMs) {
    if (!job.enabled) return std::nullopt;
    return nextFireAfter(job.schedule, afterMs, job.createdAtMs, job.id);
  }

  void arm() {
    timer.cancel();
    if (!started || stopped || !enabled() || due.empty()) return;
    const std::int64_t now = core::nowMs();
    const std::int64_t earliest = due.begin()->first;
    // At the limit with work due: the next finishing run re-arms.
    if (earliest <= now && running.size() >= options.maxConcurrentRuns) return;
    const std::int64_t delay = std::clamp<std::int64_t>(earliest - now, 0, kMaxTimerDelayMs);
    timer.expires_after(std::chrono::milliseconds(delay));
    timer.async_wait([this, alive = std::weak_ptr<int>(life)](const boost::system::error_code& ec) {
      if (ec || alive.expired()) return;
      ++wakeups;
      fireDue();
    });
  }

  void fireDue() {
    const std::int64_t now = core::nowMs();
    std::vector<std::string> ids;
    for (const auto& [at, id] : due) {
      if (at > now || running.size() + ids.size() >= options.maxConcurrentRuns) break;
      ids.push_back(id);
    }
    for (const auto& id : ids) startRun(*findJob(id), true);
    arm();
  }

  // --- writes through to SQLite (the storage thread runs them in order) ---

  template <class Work>
  void persist(Work work) {
    boost::asio::post(runtime.storage, [store = store, work = std::move(work)]() mutable {
      try {
        work(store);
      } catch (const std::exception& error) {
        rpc::logStorageFailure(error);
      }
    });
  }

  void saveJob(const CronJob& job) {
    persist([job](CronStore& into) { into.upsertJob(job); });
  }

  void broadcast(const nlohmann::json& payload) {
    runtime.events.broadcastToOperators(kCronEvent, payload, protocol::scopes::kRead);
  }

  // --- runs ---

  // Marks `job` running, persists the job (its next slot already moved on) and a "running" row,
  // and only then hands it to the executor: a gateway killed at any point neither loses the run
  // nor fires the same slot again.
  void startRun(CronJob& job, bool scheduled) {
    const std::int64_t now = core::nowMs();
    auto run = std::make_shared<Run>();
    run->runAtMs = now;
    run->runId = "cron:" + job.id + ":" + std::to_string(now);
    running.emplace(job.id, run);
    unindex(job.id);
    job.state.runningAtMs = now;
    job.state.lastRunAtMs = now;
    if (isOneShot(job)) {
      job.state.nextRunAtMs.reset();
    } else if (scheduled || !job.state.nextRunAtMs || *job.state.nextRunAtMs <= now) {
      job.state.nextRunAtMs = nextRun(job, now);
    }
    run->job = job;
    JobRunRecord row;
    row.jobId = job.id;
    row.jobName = job.name;
    row.runId = run->runId;
    row.runAtMs = now;
    row.nextRunAtMs = job.state.nextRunAtMs;
    boost::asio::co_spawn(runtime.io, admit(run, job, row), boost::asio::detached);
  }

  boost::asio::awaitable<void> admit(std::shared_ptr<Run> run, CronJob job, JobRunRecord row) {
    const std::weak_ptr<int> alive = life;
    std::optional<std::int64_t> key;
    try {
      key = co_await rpc::onStorage(runtime, [into = store, &job, &row]() mutable {
        into.upsertJob(job);
        return into.beginRun(row);
      });
    } catch (const std::exception& error) {
      rpc::logStorageFailure(error);
    }
    if (alive.expired() || run->finished) co_return;
    run->key = key;
    if (!key) {
      finish(run, failed("cron: could not record the run's start"));
      co_return;
    }
    if (run->cancelled) {
      finish(run, failed(*run->cancelled), stopped);
      co_return;
    }
    const CronJob* current = findJob(run->job.id);
    broadcast(cronRunStartedEvent(current ? *current : run->job, run->runAtMs));
    armBudget(run);
    run->handle =
        executor.start(current ? *current : run->job,
                       [this, alive, weak = std::weak_ptr<Run>(run)](JobRunOutcome outcome) {
                         const auto ended = weak.lock();  // (the run holds the handle, not back)
                         if (alive.expired() || !ended) return;
                         finish(ended, std::move(outcome));
                       });
  }

  static JobRunOutcome failed(std::string error) {
    JobRunOutcome outcome;
    outcome.status = RunStatus::Error;
    outcome.error = std::move(error);
    return outcome;
  }

  void armBudget(const std::shared_ptr<Run>& run) {
    const auto budget = runBudgetMs(run->job);
    if (!budget) return;
    run->budget = std::make_unique<boost::asio::steady_timer>(runtime.io);
    run->budget->expires_after(std::chrono::milliseconds(*budget));
    run->budget->async_wait([run](const boost::system::error_code& ec) {
      if (ec || run->finished || !run->handle) return;
      run->handle->cancel(kTimedOut);
    });
  }

  // Cancels a run in flight; its outcome (Error with `reason`) arrives through finish().
  static void cancel(Run& run, const std::string& reason) {
    if (run.handle) {
      run.handle->cancel(reason);
    } else {
      run.cancelled = reason;
    }
  }

  // Records how a run ended: the job's state (or its removal), the history row, the event.
  // `interrupted`: ended by the gateway stopping, not by the job.
  void finish(const std::shared_ptr<Run>& run, JobRunOutcome outcome, bool interrupted = false) {
    if (run->finished) return;
    run->finished = true;
    if (run->budget) run->budget->cancel();
    const auto mine = running.find(run->job.id);
    if (mine != running.end() && mine->second == run) running.erase(mine);

    const std::int64_t now = core::nowMs();
    const bool suppressed = !outcome.deliverySuppressionReason.empty();
    JobRunRecord record;
    record.ts = now;
    record.jobId = run->job.id;
    record.jobName = run->job.name;
    record.status = outcome.status;
    record.error = std::move(outcome.error);
    record.summary = core::truncatedText(outcome.summary, kMaxSummaryChars);
    record.deliveryStatus = outcome.deliveryStatus;
    record.deliveryError = std::move(outcome.deliveryError);
    record.sessionKey = std::move(outcome.sessionKey);
    record.sessionId = std::move(outcome.sessionId);
    record.runId = run->runId;
    record.runAtMs = run->runAtMs;
    record.durationMs = std::max<std::int64_t>(0, now - run->runAtMs);
    record.model = std::move(outcome.model);
    record.provider = std::move(outcome.provider);
    record.inputTokens = outcome.inputTokens;
    record.outputTokens = outcome.outputTokens;

    CronJob* job = findJob(run->job.id);
    if (job == nullptr) {  // removed while it ran: history only
      persistFinish(run, record, nullptr, false);
      broadcast(cronRunFinishedEvent(run->job, record));
      arm();
      return;
    }
    applyOutcome(*job, record, now, interrupted);
    record.nextRunAtMs = job->state.nextRunAtMs;
    const bool remove =
        isOneShot(*job) && job->deleteAfterRun && completionSucceeded(*job, record, suppressed);
    persistFinish(run, record, job, remove);
    broadcast(cronRunFinishedEvent(*job, record));
    if (remove) {
      broadcast(cronJobEvent(JobChange::Removed, *job));
      erase(job->id);
    } else {
      index(*job);
    }
    arm();
  }

  void persistFinish(const std::shared_ptr<Run>& run, const JobRunRecord& record,
                     const CronJob* job, bool remove) {
    if (!run->key) return;
    std::optional<CronJob> save;
    if (job != nullptr) save = *job;
    persist([key = *run->key, record, save, remove](CronStore& into) {
      into.finishRun(key, record);
      if (!save) return;
      if (remove) {
        into.deleteJob(save->id);
      } else {
        into.upsertJob(*save);
      }
    });
  }

  // The job's state after a run. A one-shot that stays is disabled (it does not replay), unless
  // the gateway interrupted it: then it keeps its slot and the next start catches it up.
  void applyOutcome(CronJob& job, const JobRunRecord& record, std::int64_t now, bool interrupted) {
    JobState& state = job.state;
    state.runningAtMs.reset();
    state.lastRunAtMs = record.runAtMs;
    state.lastRunStatus = record.status;
    state.lastDurationMs = record.durationMs;
    if (record.status == RunStatus::Error) {
      state.lastError = record.error;
      ++state.consecutiveErrors;
    } else {
      state.lastError.reset();
      if (record.status == RunStatus::Ok) state.consecutiveErrors = 0;
    }
    state.lastDeliveryStatus = record.deliveryStatus;
    state.lastDeliveryError = record.deliveryError.empty()
                                  ? std::nullopt
                                  : std::optional<std::string>(record.deliveryError);
    if (isOneShot(job) && interrupted && job.enabled) {
      state.nextRunAtMs = record.runAtMs;
    } else if (isOneShot(job)) {
      job.enabled = false;
      state.nextRunAtMs.reset();
    } else if (!state.nextRunAtMs || *state.nextRunAtMs <= now) {
      // Slots that passed while it ran are skipped, never queued.
      state.nextRunAtMs = nextRun(job, now);
    }
  }

  void erase(const std::string& id) {
    unindex(id);
    const auto found = byId.find(id);
    if (found == byId.end()) return;
    jobs.erase(found->second);
    byId.erase(found);
  }

  CronJob& insert(CronJob job) {
    jobs.push_back(std::move(job));
    auto it = std::prev(jobs.end());
    byId.emplace(it->id, it);
    index(*it);
    return *it;
  }

  // --- start ---

  boost::asio::awaitable<void> load() {
    const std::weak_ptr<int> alive = life;
    const std::int64_t now = core::nowMs();
    std::vector<JobRunRecord> interrupted;
    std::vector<CronJob> stored;
    try {
      std::tie(interrupted, stored) =
          co_await rpc::onStorage(runtime, [into = store, now]() mutable {
            auto marked = into.markInterrupted(now, kInterruptedAtStartup);
            return std::pair{std::move(marked), into.loadJobs()};
          });
    } catch (const std::exception& error) {
      log->error("cannot load the cron jobs: {}", error.what());
      co_return;
    }
    if (alive.expired() || stopped) co_return;
    std::vector<CronJob*> changed;
    for (CronJob& job : stored) {
      if (byId.contains(job.id)) continue;
      CronJob& loaded = insert(std::move(job));
      if (loaded.state.runningAtMs) {  // its row was marked interrupted above (or never written)
        loaded.state.runningAtMs.reset();
        changed.push_back(&loaded);
      }
    }
    for (JobRunRecord& record : interrupted) {
      record.deliveryStatus = DeliveryStatus::Unknown;
      record.deliveryError = record.error;
      CronJob* job = findJob(record.jobId);
      if (job == nullptr) continue;
      recordInterrupted(*job, record);
      changed.push_back(job);
      broadcast(cronRunFinishedEvent(*job, record));
    }
    for (CronJob* job : catchUp(now)) changed.push_back(job);
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    for (const CronJob* job : changed) saveJob(*job);
    log->info("cron: {} job(s) loaded, {} interrupted run(s) recorded", jobs.size(),
              interrupted.size());
    arm();
  }

  // A run found in flight at startup. An enabled one-shot gets its slot back, so the missed-run
  // policy below catches it up (upstream: interrupted one-shots recover through catch-up).
  void recordInterrupted(CronJob& job, const JobRunRecord& record) {
    JobState& state = job.state;
    state.lastRunStatus = RunStatus::Error;
    state.lastError = record.error;
    state.lastDurationMs = record.durationMs;
    state.lastDeliveryStatus = record.deliveryStatus;
    state.lastDeliveryError = record.deliveryError;
    ++state.consecutiveErrors;
    if (isOneShot(job) && job.enabled) state.nextRunAtMs = record.runAtMs;
    index(job);
  }

  // Upstream's missed-run policy for jobs whose slot passed while the gateway was down; returns
  // the jobs whose next run moved.
  std::vector<CronJob*> catchUp(std::int64_t now) {
    std::vector<CronJob*> missed;
    for (const auto& [at, id] : due) {
      if (at > now) break;
      missed.push_back(findJob(id));
    }
    std::vector<CronJob*> moved;
    std::size_t immediate = 0;
    std::int64_t offset = options.missedStaggerMs;
    for (CronJob* job : missed) {
      std::optional<std::int64_t> next;
      if (runtime.settings.cron.skipMissedJobs && !isOneShot(*job)) {
        next = nextRun(*job, now);
      } else if (waitsForAgent(*job)) {
        next = now + options.startupAgentDelayMs + offset;
        offset += options.missedStaggerMs;
      } else if (immediate < options.maxImmediateMissed) {
        ++immediate;
        continue;  // fires as soon as the timer is armed
      } else {
        next = now + offset;
        offset += options.missedStaggerMs;
      }
      job->state.nextRunAtMs = next;
      index(*job);
      moved.push_back(job);
    }
    return moved;
  }
};

CronService::CronService(rpc::GatewayRuntime& runtime, JobExecutor& executor,
                         CronServiceOptions options)
    : impl_(std::make_unique<Impl>(runtime, executor, options)) {}

CronService::~CronService() = default;

void CronService::start() {
  if (impl_->started) return;
  impl_->started = true;
  boost::asio::co_spawn(impl_->runtime.io, impl_->load(), boost::asio::detached);
}

void CronService::stop(const std::string& reason) {
  Impl& impl = *impl_;
  if (impl.stopped) return;
  impl.stopped = true;
  impl.timer.cancel();
  const std::string error = "cron: job interrupted: " + reason;
  // Recorded now, not when the executor reports back: the loop may end before it does.
  std::vector<std::shared_ptr<Impl::Run>> runs;
  for (const auto& [id, run] : impl.running) runs.push_back(run);
  for (const auto& run : runs) {
    if (run->handle) {
      run->handle->cancel(error);
      JobRunOutcome outcome = Impl::failed(error);
      outcome.deliveryStatus = DeliveryStatus::Unknown;
      outcome.deliveryError = error;
      impl.finish(run, std::move(outcome), true);
    } else {
      run->cancelled = error;  // admit() records it once its row is written
    }
  }
}

void CronService::settingsApplied() { impl_->arm(); }

const CronJob* CronService::find(const std::string& id) const { return impl_->findJob(id); }

std::vector<const CronJob*> CronService::jobs() const {
  std::vector<const CronJob*> list;
  list.reserve(impl_->jobs.size());
  for (const CronJob& job : impl_->jobs) list.push_back(&job);
  return list;
}

SchedulerStatus CronService::status() const {
  const Impl& impl = *impl_;
  SchedulerStatus status;
  status.enabled = impl.enabled();
  status.jobs = impl.jobs.size();
  if (status.enabled && !impl.due.empty()) status.nextWakeAtMs = impl.due.begin()->first;
  status.running = impl.running.size();
  status.timerWakeups = impl.wakeups;
  return status;
}

protocol::Result<CronJob> CronService::add(CronJob job) {
  Impl& impl = *impl_;
  if (impl.jobs.size() >= impl.options.maxJobs) {
    return protocol::GatewayError::invalidRequest("too many cron jobs (at most " +
                                                  std::to_string(impl.options.maxJobs) + ")");
  }
  const std::int64_t now = core::nowMs();
  job.id = core::uuidV4();
  job.createdAtMs = now;
  job.updatedAtMs = now;
  job.state = JobState{};
  job.state.nextRunAtMs = Impl::nextRun(job, now);
  const CronJob& added = impl.insert(std::move(job));
  impl.saveJob(added);
  impl.broadcast(cronJobEvent(JobChange::Added, added));
  impl.arm();
  return added;
}

protocol::Result<CronJob> CronService::replace(CronJob job) {
  Impl& impl = *impl_;
  CronJob* current = impl.findJob(job.id);
  if (current == nullptr) return jobNotFound(job.id);
  const std::int64_t now = core::nowMs();
  const bool rescheduled = current->enabled != job.enabled ||
                           storedSchedule(current->schedule) != storedSchedule(job.schedule);
  const bool disabled = current->enabled && !job.enabled;
  job.createdAtMs = current->createdAtMs;
  job.updatedAtMs = now;
  job.state = current->state;
  if (rescheduled) job.state.nextRunAtMs = Impl::nextRun(job, now);
  *current = std::move(job);
  impl.index(*current);
  if (disabled) {
    if (const auto run = impl.running.find(current->id); run != impl.running.end()) {
      Impl::cancel(*run->second, kDisabledByOperator);
    }
  }
  impl.saveJob(*current);
  impl.broadcast(cronJobEvent(JobChange::Updated, *current));
  impl.arm();
  return *current;
}

protocol::Result<void> CronService::remove(const std::string& id) {
  Impl& impl = *impl_;
  const CronJob* job = impl.findJob(id);
  if (job == nullptr) return jobNotFound(id);
  if (const auto run = impl.running.find(id); run != impl.running.end()) {
    Impl::cancel(*run->second, kRemovedByOperator);
  }
  impl.persist([id](CronStore& into) { into.deleteJob(id); });
  impl.broadcast(cronJobEvent(JobChange::Removed, *job));
  impl.erase(id);
  impl.arm();
  return {};
}

protocol::Result<RunNowResult> CronService::runNow(const std::string& id, const std::string& mode) {
  Impl& impl = *impl_;
  CronJob* job = impl.findJob(id);
  if (job == nullptr) return jobNotFound(id);
  RunNowResult result;
  if (impl.running.contains(id)) {
    result.reason = "already-running";
  } else if (mode == "if-enabled" && !job->enabled) {
    result.reason = "disabled";
  } else if (mode == "due" && (!job->enabled || !job->state.nextRunAtMs ||
                               *job->state.nextRunAtMs > core::nowMs())) {
    result.reason = "not-due";
  } else if (impl.stopped) {
    return protocol::GatewayError::unavailable("the scheduler is stopping", std::nullopt);
  } else {
    impl.startRun(*job, mode == "due");
    result.ran = true;
    result.runId = impl.running.at(id)->runId;
    impl.arm();
  }
  return result;
}

boost::asio::awaitable<RunsPage> CronService::runs(RunsQuery query) {
  // A named lambda and a named result: g++ 12 mis-destroys a by-value capture of a temporary
  // lambda inside `co_return co_await` (a double free under ASan).
  auto read = [store = impl_->store, query = std::move(query)]() mutable {
    return store.runs(query);
  };
  RunsPage page = co_await rpc::onStorage(impl_->runtime, std::move(read));
  co_return page;
}

}  // namespace openclaw::automation
