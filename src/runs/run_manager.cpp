#include "runs/run_manager.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>

#include "core/clock.h"
#include "core/logging.h"
#include "core/random_ids.h"
#include "rpc/storage_await.h"
#include "runs/run_context.h"
#include "sessions/transcript_message.h"

namespace openclaw::runs {
namespace {

// How many ended runs agent.wait can still report.
constexpr std::size_t kEndedRunsKept = 1000;
// How much of a session's transcript a run sends to the model.
constexpr std::size_t kContextEntries = 400;

using protocol::GatewayError;
using protocol::Result;

}  // namespace

struct RunManager::Waiter {
  explicit Waiter(boost::asio::io_context& io) : timer(io) {}
  boost::asio::steady_timer timer;
  std::function<void(const nlohmann::json&)> done;
};

nlohmann::json waitResult(const EndedRun& run) {
  const RunResult& result = run.result;
  nlohmann::json answer = {{"runId", run.run.runId},
                           {"status", result.status == RunStatus::Ok        ? "ok"
                                      : result.status == RunStatus::Timeout ? "timeout"
                                                                            : "error"},
                           {"startedAt", result.startedAt},
                           {"endedAt", result.endedAt}};
  if (result.status != RunStatus::Ok) answer["error"] = result.errorMessage;
  return answer;
}

RunManager::RunManager(rpc::GatewayRuntime& runtime, sessions::SessionStore& store,
                       RunEnvironment environment)
    : runtime_(runtime), store_(store), environment_(std::move(environment)) {}

RunManager::~RunManager() {
  for (auto& [runId, waiter] : waiters_) waiter->timer.cancel();
}

std::string RunManager::systemPrompt() const {
  std::string tools;
  for (const auto& tool : environment_.tools) {
    tools += (tools.empty() ? "" : ", ") + tool->definition().name;
  }
  return "You are a personal assistant running inside OpenClaw.\n"
         "Your workspace directory is " +
         environment_.workspace.string() +
         "; file paths are relative to it and tools cannot leave it.\n" +
         (tools.empty() ? std::string("No tools are available.")
                        : "Tools available: " + tools + ".") +
         "\nAnswer concisely.";
}

std::string RunManager::clientToolConflict(const std::vector<agent::ToolDefinition>& tools) const {
  std::set<std::string> taken;
  for (const auto& tool : environment_.tools) taken.insert(tool->definition().name);
  for (const auto& tool : tools) {
    if (!taken.insert(tool.name).second) {
      return "invalid tool configuration: the tool name \"" + tool.name + "\" is already taken";
    }
  }
  return "";
}

void RunManager::submit(RunRequest request, OnAdmitted onAdmitted, OnEnded onEnded) {
  const std::string runId = request.runId.empty() ? core::uuidV4() : request.runId;
  Pending pending{{runId, "", "", 0}, request.timeout, {}, std::move(onEnded), request.extras};
  boost::asio::co_spawn(runtime_.io,
                        admit(std::move(request), std::move(pending), std::move(onAdmitted)),
                        boost::asio::detached);
}

boost::asio::awaitable<void> RunManager::admit(RunRequest request, Pending pending,
                                               OnAdmitted onAdmitted) {
  if (const std::string conflict = clientToolConflict(pending.extras.clientTools);
      !conflict.empty()) {
    onAdmitted(GatewayError::invalidRequest(conflict));
    co_return;
  }
  auto session =
      co_await rpc::onStorage(runtime_, [this, &request] { return sessionOf(request.target); });
  if (!session) {
    onAdmitted(session.error());
    co_return;
  }
  const std::string key = session->first;
  pending.model =
      environment_.resolveModel(pending.extras.model ? pending.extras.model : session->second);
  if (!pending.model.error.empty() || !pending.model.provider) {
    onAdmitted(GatewayError::unavailable(
        pending.model.error.empty() ? "no model configured" : pending.model.error, std::nullopt));
    co_return;
  }
  // Commit the user message before acknowledging.
  Result<Admitted> admitted = co_await rpc::onStorage(runtime_, [this, &request, &key, &pending] {
    return storeUserTurn(request, key, pending.accepted.runId);
  });
  if (!admitted) {
    onAdmitted(admitted.error());
    co_return;
  }
  onAdmitted(admitted->run);
  if (observer_) {
    observer_->sessionChanged(key,
                              admitted->created ? SessionChange::Created : SessionChange::Updated);
    observer_->messageAppended(key, admitted->run.sessionId, admitted->userEntry);
  }
  pending.accepted = admitted->run;
  enqueue(std::move(pending));
}

Result<std::pair<std::string, std::optional<std::string>>> RunManager::sessionOf(
    const RunTarget& target) {
  try {
    if (target.sessionId.empty()) {
      auto existing = store_.find(target.sessionKey);
      return std::pair{target.sessionKey, existing ? existing->model : std::nullopt};
    }
    auto existing = store_.findBySessionId(target.sessionId);
    if (!existing) return GatewayError::invalidRequest("unknown sessionId: " + target.sessionId);
    return std::pair{existing->key, existing->model};
  } catch (const std::exception& error) {
    core::logger("agent")->error("cannot read the session: {}", error.what());
    return GatewayError::unavailable(std::string("session store: ") + error.what(), std::nullopt);
  }
}

Result<RunManager::Admitted> RunManager::storeUserTurn(const RunRequest& request,
                                                       const std::string& key,
                                                       const std::string& runId) {
  try {
    const std::int64_t now = core::nowMs();
    const nlohmann::json message = sessions::userEntry(request.message, now);
    const sessions::UserTurn turn = store_.recordUserTurn(key, request.target.agentId, runId,
                                                          message, now, request.target.origin);
    return Admitted{{runId, turn.session.key, turn.session.sessionId, now},
                    turn.created,
                    {turn.seq, runId, message}};
  } catch (const std::exception& error) {
    core::logger("agent")->error("cannot store the user message: {}", error.what());
    return GatewayError::unavailable(std::string("session store: ") + error.what(), std::nullopt);
  }
}

void RunManager::enqueue(Pending pending) {
  const std::string key = pending.accepted.sessionKey;
  lanes_[key].queue.push_back(std::move(pending));
  pump(key);
}

void RunManager::pump(const std::string& sessionKey) {
  auto laneIt = lanes_.find(sessionKey);
  if (laneIt == lanes_.end()) return;
  Lane& lane = laneIt->second;
  if (lane.active) return;
  if (lane.queue.empty()) {
    lanes_.erase(laneIt);
    return;
  }
  Pending next = std::move(lane.queue.front());
  lane.queue.pop_front();
  std::set<std::string> queued;
  for (const Pending& waiting : lane.queue) queued.insert(waiting.accepted.runId);

  RunSetup setup;
  setup.runId = next.accepted.runId;
  setup.sessionKey = sessionKey;
  setup.provider = next.model.provider;
  setup.model = next.model.model;
  setup.systemPrompt = systemPrompt();
  if (!next.extras.extraSystemPrompt.empty()) {
    setup.systemPrompt += "\n\n" + next.extras.extraSystemPrompt;
  }
  setup.tools = environment_.tools;
  setup.workspace = environment_.workspace;
  setup.timeout = next.timeout.value_or(environment_.defaultTimeout);
  setup.maxModelCalls = environment_.maxModelCalls;
  if (next.extras.maxTokens) setup.maxTokens = *next.extras.maxTokens;
  setup.clientTools = std::move(next.extras.clientTools);
  setup.onTextDelta = std::move(next.extras.onTextDelta);

  const AcceptedRun accepted = next.accepted;
  const std::string sessionId = accepted.sessionId;
  auto journal = [this, sessionKey, sessionId,
                  runId = accepted.runId](const nlohmann::json& message) {
    boost::asio::post(runtime_.storage, [this, sessionKey, sessionId, runId, message] {
      std::optional<std::int64_t> seq;
      try {
        seq = store_.append(sessionId, runId, message, core::nowMs());
      } catch (const std::exception& error) {
        core::logger("agent")->error("transcript write for run {} failed: {}", runId, error.what());
      }
      if (!seq) return;
      boost::asio::post(runtime_.io, [this, sessionKey, sessionId,
                                      entry = sessions::TranscriptEntry{*seq, runId, message}] {
        if (observer_) observer_->messageAppended(sessionKey, sessionId, entry);
      });
    });
  };
  auto onEnd = [this, sessionKey, accepted, onEnded = std::move(next.onEnded)](
                   const RunResult& result) { ended(sessionKey, accepted, result, onEnded); };
  auto run = std::make_shared<AgentRun>(runtime_.io, runtime_.blocking, runtime_.events,
                                        std::move(setup), std::move(journal), std::move(onEnd));
  lane.active = run;
  if (observer_) observer_->sessionChanged(sessionKey, SessionChange::RunStarted);

  boost::asio::co_spawn(runtime_.io, start(run, sessionId, std::move(queued)),
                        boost::asio::detached);
}

boost::asio::awaitable<void> RunManager::start(std::shared_ptr<AgentRun> run, std::string sessionId,
                                               std::set<std::string> queued) {
  // The conversation, read after every write queued so far.
  std::vector<sessions::TranscriptEntry> entries;
  try {
    entries = co_await rpc::onStorage(
        runtime_, [this, &sessionId] { return store_.transcript(sessionId, kContextEntries); });
  } catch (const std::exception& error) {
    run->cancel(RunStatus::Error,
                std::string("cannot read the session transcript: ") + error.what());
    co_return;
  }
  co_await run->run(contextMessages(entries, run->runId(), queued));
}

void RunManager::ended(const std::string& sessionKey, const AcceptedRun& accepted,
                       const RunResult& result, const OnEnded& onEnded) {
  auto laneIt = lanes_.find(sessionKey);
  if (laneIt != lanes_.end() && laneIt->second.active &&
      laneIt->second.active->runId() == accepted.runId) {
    laneIt->second.active.reset();
  }
  boost::asio::co_spawn(runtime_.io, announce(EndedRun{accepted, result}, onEnded),
                        boost::asio::detached);
  pump(sessionKey);
}

boost::asio::awaitable<void> RunManager::announce(EndedRun endedRun, OnEnded onEnded) {
  // Answer once the run's transcript writes (queued before this) are committed.
  co_await rpc::onStorage(runtime_, [] {});
  remember(endedRun);
  if (observer_) observer_->sessionChanged(endedRun.run.sessionKey, SessionChange::RunEnded);
  if (onEnded) onEnded(endedRun);
}

void RunManager::remember(const EndedRun& run) {
  const std::string& runId = run.run.runId;
  endedRuns_.insert_or_assign(runId, run);
  endedOrder_.push_back(runId);
  while (endedOrder_.size() > kEndedRunsKept) {
    endedRuns_.erase(endedOrder_.front());
    endedOrder_.pop_front();
  }
  auto [first, last] = waiters_.equal_range(runId);
  std::vector<std::shared_ptr<Waiter>> woken;
  for (auto it = first; it != last; ++it) woken.push_back(it->second);
  waiters_.erase(first, last);
  const nlohmann::json answer = waitResult(run);
  for (const auto& waiter : woken) {
    waiter->timer.cancel();
    waiter->done(answer);
  }
}

std::vector<std::string> RunManager::abort(const std::string& sessionKey,
                                           const std::optional<std::string>& runId) {
  auto laneIt = lanes_.find(sessionKey);
  if (laneIt == lanes_.end()) return {};
  Lane& lane = laneIt->second;
  std::vector<std::string> aborted;
  if (runId) {
    for (auto it = lane.queue.begin(); it != lane.queue.end(); ++it) {
      if (it->accepted.runId != *runId) continue;
      Pending pending = std::move(*it);
      lane.queue.erase(it);
      abortQueued(sessionKey, pending, "aborted");
      return {*runId};
    }
  }
  if (lane.active && (!runId || lane.active->runId() == *runId)) {
    aborted.push_back(lane.active->runId());
    lane.active->cancel(RunStatus::Aborted, "aborted");  // ends it: the next one starts
  }
  return aborted;
}

void RunManager::abortQueued(const std::string& sessionKey, const Pending& pending,
                             const std::string& reason) {
  const std::int64_t now = core::nowMs();
  const RunResult result{RunStatus::Aborted, "", {}, "aborted", reason, now, now, {}, {}};
  RunEvents(runtime_.events, pending.accepted.runId, sessionKey)
      .ended(result.status, "", result.stopReason, reason, now, now);
  ended(sessionKey, pending.accepted, result, pending.onEnded);
}

void RunManager::abortAll(const std::string& sessionKey, const std::string& reason) {
  auto laneIt = lanes_.find(sessionKey);
  if (laneIt == lanes_.end()) return;
  std::deque<Pending> queued = std::move(laneIt->second.queue);
  laneIt->second.queue.clear();
  for (const Pending& pending : queued) abortQueued(sessionKey, pending, reason);
  laneIt = lanes_.find(sessionKey);
  if (laneIt != lanes_.end() && laneIt->second.active) {
    laneIt->second.active->cancel(RunStatus::Aborted, reason);
  }
}

void RunManager::abortEverything(const std::string& reason) {
  std::vector<std::string> keys;
  for (const auto& [key, lane] : lanes_) keys.push_back(key);
  for (const std::string& key : keys) abortAll(key, reason);
}

void RunManager::wait(const std::string& runId, std::chrono::milliseconds timeout,
                      std::function<void(const nlohmann::json&)> done) {
  if (auto found = endedRuns_.find(runId); found != endedRuns_.end()) {
    done(waitResult(found->second));
    return;
  }
  auto waiter = std::make_shared<Waiter>(runtime_.io);
  waiter->done = std::move(done);
  waiters_.emplace(runId, waiter);
  waiter->timer.expires_after(timeout);
  waiter->timer.async_wait([this, runId, waiter](const boost::system::error_code& ec) {
    if (ec) return;
    auto [first, last] = waiters_.equal_range(runId);
    for (auto it = first; it != last; ++it) {
      if (it->second != waiter) continue;
      waiters_.erase(it);
      waiter->done({{"runId", runId}, {"status", "timeout"}});
      return;
    }
  });
}

std::optional<std::string> RunManager::activeRun(const std::string& sessionKey) const {
  auto laneIt = lanes_.find(sessionKey);
  if (laneIt == lanes_.end() || !laneIt->second.active) return std::nullopt;
  return laneIt->second.active->runId();
}

}  // namespace openclaw::runs
