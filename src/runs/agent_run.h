#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "agent/model_provider.h"
#include "agent/tool.h"
#include "core/awaitable.h"
#include "core/cancel_signal.h"
#include "runs/run_events.h"

namespace openclaw::runs {

using ToolList = std::vector<std::shared_ptr<const agent::Tool>>;

// What one run needs besides its conversation.
struct RunSetup {
  std::string runId;
  std::string sessionKey;
  std::shared_ptr<agent::ModelProvider> provider;
  std::string model;  // the provider's model id
  std::string systemPrompt;
  ToolList tools;
  std::filesystem::path workspace;
  std::chrono::milliseconds timeout{0};  // 0: no limit
  int maxModelCalls = 32;
  int maxTokens = 4096;  // per model call
  // Offered to the model beside `tools`; a call to one ends the run (RunResult::clientToolCalls).
  std::vector<agent::ToolDefinition> clientTools;
  std::function<void(const std::string& delta)> onTextDelta;  // optional
};

struct RunResult {
  RunStatus status = RunStatus::Ok;
  std::string text;                   // all assistant text of the run
  std::vector<std::string> payloads;  // the text of each assistant turn that had some
  std::string stopReason;             // "tool_calls" when it ended on clientToolCalls
  std::string errorMessage;
  std::int64_t startedAt = 0;
  std::int64_t endedAt = 0;
  agent::TokenUsage usage;
  // Calls of RunSetup::clientTools the model made: the run ended without running them, for the
  // caller to answer in a later run.
  std::vector<agent::ToolCall> clientToolCalls;
};

// One agent turn as one coroutine on the event loop: model call, tool calls (each on the
// blocking pool; a tool waiting for an exec approval holds no thread), model call again, … until
// the model stops without asking for tools, asks for a client tool (after running the agent's
// tools of that turn) or the model-call limit is reached. Every step is
// handed to the journal (the transcript, in order) and announced through RunEvents. Event-loop
// thread only.
//
// cancel() (abort, timeout) cancels the coroutine through its CancelSignal: the model call or
// tool it awaits ends at once with core::Cancelled (the model call is stopped; a running tool
// sees its cancel flag, a waiting one its cancel callbacks), the calls left without a result are
// journaled as failed, and the run ends inside cancel(). What arrives later is ignored.
class AgentRun : public std::enable_shared_from_this<AgentRun> {
 public:
  using Journal = std::function<void(const nlohmann::json& message)>;
  using OnEnd = std::function<void(const RunResult& result)>;

  AgentRun(boost::asio::io_context& io, boost::asio::thread_pool& blocking, rpc::EventSink& sink,
           RunSetup setup, Journal journal, OnEnd onEnd);

  const std::string& runId() const { return setup_.runId; }
  bool ended() const { return ended_; }

  // Runs the turn on `context` (the conversation so far, ending with this run's user message);
  // completes once the run ended (onEnd was called). The caller holds the run meanwhile.
  boost::asio::awaitable<void> run(std::vector<agent::Message> context);
  // Ends the run as Aborted or Timeout with `reason`; a no-op once it ended. Before run() it
  // ends the run without calling the model.
  void cancel(RunStatus status, const std::string& reason);

 private:
  boost::asio::awaitable<agent::ToolResult> callTool(const agent::ToolCall& call);
  void onDelta(const std::string& delta);
  // Journals the turn and adds it to the conversation.
  void recordTurn(const agent::AssistantTurn& turn);
  void recordToolResult(const agent::ToolCall& call, const agent::ToolResult& result);
  // Ends the run as cancel() asked.
  void endCancelled();
  void finish(RunStatus status, const std::string& stopReason, const std::string& errorMessage);
  std::shared_ptr<const agent::Tool> findTool(const std::string& name) const;
  bool isClientTool(const std::string& name) const;

  boost::asio::thread_pool& blocking_;
  RunSetup setup_;
  RunEvents events_;
  Journal journal_;
  OnEnd onEnd_;
  boost::asio::steady_timer deadline_;
  core::CancelSignal cancel_;
  RunStatus cancelStatus_ = RunStatus::Aborted;  // what cancel() asked for
  std::string cancelReason_;
  std::vector<agent::ToolDefinition> toolDefinitions_;  // setup_.tools', then setup_.clientTools

  std::vector<agent::Message> messages_;
  int modelCalls_ = 0;
  std::string turnText_;                    // text of the model call in flight
  std::vector<agent::ToolCall> toolCalls_;  // of the last turn, while they run
  std::size_t nextTool_ = 0;
  bool started_ = false;
  bool ended_ = false;
  RunResult result_;
};

}  // namespace openclaw::runs
