#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent/conversation.h"
#include "protocol/gateway_error.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"

namespace openclaw::httpapi {

// One agent turn an HTTP API asks for. It becomes an ordinary run of runs::RunManager: same
// session store, same per-session queue, the same `agent` and `chat` events to operators and the
// same chat.abort as a turn sent over the WebSocket.
struct AgentTurnRequest {
  std::string agentId = "main";   // normalized
  std::string sessionKey;         // canonical ("agent:<agentId>:..."); created when new
  std::string message;            // the run's user message (what the transcript stores)
  std::string runId;              // empty: a fresh uuid
  std::string extraSystemPrompt;  // appended to the agent's system prompt (system messages)
  // Caller-supplied function tools (OpenAI `tools`), offered beside the agent's own tools. When
  // the model calls one the run ends and the calls come back in AgentTurnEnd::toolCalls.
  std::vector<agent::ToolDefinition> clientTools;
  std::optional<std::string> model;  // "provider/model" for this run (x-openclaw-model)
  std::optional<int> maxTokens;      // per model call
};

// How the turn ended. `refusal` is set when it never ran (conflicting client tools, no model
// configured, storage failure): nothing was stored and runId/sessionId may be empty.
struct AgentTurnEnd {
  runs::RunStatus status = runs::RunStatus::Ok;  // Ok, Error, Timeout or Aborted
  std::string text;  // all assistant text of the run, as streamed (turns joined by "\n\n")
  // "stop", "length", "tool_calls" (toolCalls is not empty), or "error", "timeout", "aborted".
  std::string stopReason;
  std::string errorMessage;
  agent::TokenUsage usage;                 // summed over the run's model calls
  std::vector<agent::ToolCall> toolCalls;  // client tool calls for the caller to answer
  std::string runId;
  std::string sessionKey;
  std::string sessionId;
  std::optional<protocol::GatewayError> refusal;
};

// What the caller hears, always on the event-loop thread. Only onEnd is required.
struct AgentTurnHandlers {
  // The run was admitted (its user message is stored) and queued behind the session's others.
  std::function<void(const runs::AcceptedRun& run)> onAccepted;
  // A piece of assistant text as it streams.
  std::function<void(const std::string& delta)> onTextDelta;
  // Exactly once, last: also after a refusal or an abort.
  std::function<void(const AgentTurnEnd& end)> onEnd;
};

// A running agent turn. The run manager keeps it alive until onEnd; the caller holds it only to
// abort it. Event-loop thread only.
class AgentTurn : public std::enable_shared_from_this<AgentTurn> {
 public:
  // Submits the run; the handlers are called later, never inside start().
  static std::shared_ptr<AgentTurn> start(runs::RunManager& runs, boost::asio::io_context& io,
                                          AgentTurnRequest request, AgentTurnHandlers handlers);

  // Aborts the run, queued or running, or as soon as it is admitted; onEnd follows with
  // RunStatus::Aborted (unless it ended first). A no-op once it ended.
  void abort();
  // Aborts the run when `client` disconnects before the run ended.
  void abortWhenGone(rpc::HttpClientLink& client);

  AgentTurn(runs::RunManager& runs, boost::asio::io_context& io, AgentTurnHandlers handlers);

 private:
  void admitted(const protocol::Result<runs::AcceptedRun>& accepted);
  void abortAdmitted();
  void ended(const runs::EndedRun& run);

  runs::RunManager& runs_;
  boost::asio::io_context& io_;
  AgentTurnHandlers handlers_;
  std::optional<runs::AcceptedRun> accepted_;
  bool abortRequested_ = false;
  bool ended_ = false;
};

}  // namespace openclaw::httpapi
