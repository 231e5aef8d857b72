#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/awaitable.h"
#include "protocol/result.h"
#include "rpc/gateway_runtime.h"
#include "runs/agent_run.h"
#include "runs/session_observer.h"
#include "sessions/session_store.h"

namespace openclaw::runs {

// The model a run uses, or why there is none.
struct ModelChoice {
  std::shared_ptr<agent::ModelProvider> provider;
  std::string model;
  std::string error;  // set when no model is usable: what to configure
};

// What the run manager takes from the gateway besides the runtime.
struct RunEnvironment {
  // The model for a run of a session that chose `sessionModel` (sessions.patch), else the
  // configured one.
  std::function<ModelChoice(const std::optional<std::string>& sessionModel)> resolveModel;
  ToolList tools;
  std::filesystem::path workspace;
  std::chrono::milliseconds defaultTimeout{600'000};  // agents.defaults.timeoutSeconds
  int maxModelCalls = 32;
};

// Which session a run goes to: a canonical session key, or an existing session's id.
struct RunTarget {
  std::string sessionKey;  // used when sessionId is empty
  std::string sessionId;
  std::string agentId = "main";
  sessions::TurnOrigin origin;  // remembered on the session
};

// What a caller may add to an ordinary run; the HTTP APIs do (httpapi/agent_turn.h), chat.send
// and agent leave it empty.
struct RunExtras {
  // The model ("provider/model" or a bare id of the configured provider) in place of the
  // session's or the configured one, for this run only.
  std::optional<std::string> model;
  std::string extraSystemPrompt;  // appended to the agent's system prompt
  // Caller-supplied function tools offered beside the agent's own; a call to one is not run:
  // the run ends with it in RunResult::clientToolCalls. A name equal to an agent tool's (or given
  // twice) refuses the run.
  std::vector<agent::ToolDefinition> clientTools;
  std::optional<int> maxTokens;  // per model call
  // Each piece of assistant text as it streams (the `agent` event's delta), event-loop thread.
  std::function<void(const std::string& delta)> onTextDelta;
};

struct RunRequest {
  std::string runId;  // the caller's (upstream uses the idempotency key); empty: a fresh uuid
  RunTarget target;
  std::string message;
  std::optional<std::chrono::milliseconds> timeout;  // overrides the default; 0: no limit
  RunExtras extras;
};

struct AcceptedRun {
  std::string runId;
  std::string sessionKey;
  std::string sessionId;
  std::int64_t acceptedAt = 0;
};

struct EndedRun {
  AcceptedRun run;
  RunResult result;
};

// Runs agent turns: one at a time per session key, later ones queued FIFO. Owns the active and
// queued runs and a bounded memory of ended ones (for agent.wait). Event-loop thread only;
// transcript I/O goes through runtime.storage.
class RunManager {
 public:
  using OnAdmitted = std::function<void(const protocol::Result<AcceptedRun>&)>;
  using OnEnded = std::function<void(const EndedRun&)>;

  RunManager(rpc::GatewayRuntime& runtime, sessions::SessionStore& store,
             RunEnvironment environment);
  ~RunManager();

  // Resolves the model (extras.model, else the session's own when it chose one, else the
  // configured one), commits the user message to the session's transcript, then queues the run
  // and calls onAdmitted with it (always later, never inside submit); onEnded follows once the
  // run ended and its transcript writes are committed. Without a usable model, with conflicting
  // client tools, an unknown sessionId or a storage failure, onAdmitted gets the error, onEnded
  // is never called and nothing is stored.
  void submit(RunRequest request, OnAdmitted onAdmitted, OnEnded onEnded);

  // Aborts `runId` of the session (active or queued), or without one the session's active run.
  // Returns the ids of the runs aborted.
  std::vector<std::string> abort(const std::string& sessionKey,
                                 const std::optional<std::string>& runId);
  // Aborts the session's active and queued runs (before a reset or delete).
  void abortAll(const std::string& sessionKey, const std::string& reason);
  // Aborts every run (the gateway is stopping): running tools see their cancel flag, so the
  // blocking pool drains.
  void abortEverything(const std::string& reason);

  // Calls `done` with the agent.wait answer once `runId` ended ({runId, status ok|error|timeout,
  // startedAt, endedAt, error?}), or with {runId, status:"timeout"} after `timeout`.
  void wait(const std::string& runId, std::chrono::milliseconds timeout,
            std::function<void(const nlohmann::json&)> done);

  // The session's active run, if any.
  std::optional<std::string> activeRun(const std::string& sessionKey) const;

  // Who hears of session changes and transcript appends (null: nobody); must outlive the runs.
  void setObserver(SessionObserver* observer) { observer_ = observer; }

 private:
  struct Pending {
    AcceptedRun accepted;
    std::optional<std::chrono::milliseconds> timeout;
    ModelChoice model;
    OnEnded onEnded;
    RunExtras extras;
  };
  struct Lane {
    std::shared_ptr<AgentRun> active;
    std::deque<Pending> queue;
  };
  struct Waiter;

  struct Admitted {
    AcceptedRun run;
    bool created = false;  // the run created its session
    sessions::TranscriptEntry userEntry;
  };
  // Storage thread: the session key a request goes to, and the model that session chose.
  protocol::Result<std::pair<std::string, std::optional<std::string>>> sessionOf(
      const RunTarget& target);
  // Storage thread: commits the user message of run `runId` to the key's session.
  protocol::Result<Admitted> storeUserTurn(const RunRequest& request, const std::string& key,
                                           const std::string& runId);
  // Stores the user turn, then acknowledges and queues the run (or answers the error).
  boost::asio::awaitable<void> admit(RunRequest request, Pending pending, OnAdmitted onAdmitted);
  void enqueue(Pending pending);
  void pump(const std::string& sessionKey);
  // Loads the conversation, then runs `run` on it to its end.
  boost::asio::awaitable<void> start(std::shared_ptr<AgentRun> run, std::string sessionId,
                                     std::set<std::string> queued);
  void ended(const std::string& sessionKey, const AcceptedRun& accepted, const RunResult& result,
             const OnEnded& onEnded);
  // Ends a run that never started.
  void abortQueued(const std::string& sessionKey, const Pending& pending,
                   const std::string& reason);
  // Remembers the ended run and calls onEnded once its transcript writes are committed.
  boost::asio::awaitable<void> announce(EndedRun endedRun, OnEnded onEnded);
  void remember(const EndedRun& run);
  std::string systemPrompt() const;
  // Why `tools` cannot be offered beside the agent's own (a name taken or given twice), or "".
  std::string clientToolConflict(const std::vector<agent::ToolDefinition>& tools) const;

  rpc::GatewayRuntime& runtime_;
  sessions::SessionStore& store_;
  RunEnvironment environment_;
  std::map<std::string, Lane> lanes_;
  std::map<std::string, EndedRun> endedRuns_;
  std::deque<std::string> endedOrder_;  // oldest first, to bound endedRuns_
  std::multimap<std::string, std::shared_ptr<Waiter>> waiters_;
  SessionObserver* observer_ = nullptr;
};

// The agent.wait answer for an ended run.
nlohmann::json waitResult(const EndedRun& run);

}  // namespace openclaw::runs
