#pragma once

#include <atomic>
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
};

struct RunResult {
  RunStatus status = RunStatus::Ok;
  std::string text;                   // all assistant text of the run
  std::vector<std::string> payloads;  // the text of each assistant turn that had some
  std::string stopReason;
  std::string errorMessage;
  std::int64_t startedAt = 0;
  std::int64_t endedAt = 0;
  agent::TokenUsage usage;
};

// One agent turn: model call, tool calls (started on the blocking pool, one at a time; a tool
// waiting for an exec approval holds no thread), model call again, … until the model stops
// without asking for tools. Every step is handed to the journal (the transcript, in order) and
// announced through RunEvents. Event-loop thread only.
//
// cancel() (abort, timeout) ends the run at once: the model call is cancelled, a running tool
// sees its cancel flag (a waiting one, its cancel callback), calls left without a result are
// journaled as failed, and anything that arrives later is ignored.
class AgentRun : public std::enable_shared_from_this<AgentRun> {
 public:
  using Journal = std::function<void(const nlohmann::json& message)>;
  using OnEnd = std::function<void(const RunResult& result)>;

  AgentRun(boost::asio::io_context& io, boost::asio::thread_pool& blocking, rpc::EventSink& sink,
           RunSetup setup, Journal journal, OnEnd onEnd);

  const std::string& runId() const { return setup_.runId; }
  bool ended() const { return ended_; }

  // Runs the turn on `context` (the conversation so far, ending with this run's user message).
  void start(std::vector<agent::Message> context);
  // Ends the run as Aborted or Timeout with `reason`; a no-op once it ended. Before start() it
  // ends the run without calling the model.
  void cancel(RunStatus status, const std::string& reason);

 private:
  void callModel();
  void onDelta(const std::string& delta);
  void onTurn(agent::AssistantTurn turn);
  void runNextTool();
  void onToolDone(const agent::ToolCall& call, const agent::ToolResult& result);
  void finish(RunStatus status, const std::string& stopReason, const std::string& errorMessage);
  const agent::Tool* findTool(const std::string& name) const;

  boost::asio::io_context& io_;
  boost::asio::thread_pool& blocking_;
  RunSetup setup_;
  RunEvents events_;
  Journal journal_;
  OnEnd onEnd_;
  boost::asio::steady_timer deadline_;
  std::shared_ptr<std::atomic<bool>> cancelled_ = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<agent::CancelCallbacks> cancelCallbacks_ =
      std::make_shared<agent::CancelCallbacks>();
  std::vector<agent::ToolDefinition> toolDefinitions_;

  std::vector<agent::Message> messages_;
  std::shared_ptr<agent::ModelCall> call_;
  int modelCalls_ = 0;
  std::string turnText_;                    // text of the model call in flight
  std::vector<agent::ToolCall> toolCalls_;  // of the last turn
  std::size_t nextTool_ = 0;
  bool inTools_ = false;
  bool ended_ = false;
  RunResult result_;
};

}  // namespace openclaw::runs
