#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "agent/conversation.h"
#include "agent/tool.h"
#include "rpc/event_sink.h"

namespace openclaw::runs {

// How a run ended.
enum class RunStatus { Ok, Error, Timeout, Aborted };
const char* runStatusName(RunStatus status);  // "ok", "error", "timeout", "aborted"

// Emits one run's events to operators (operator.read): `agent` events (upstream AgentEvent:
// runId, seq, stream, ts, data, plus sessionKey) and the `chat` events WebChat clients render
// (upstream ChatEvent: delta/final/aborted/error). One seq counter per run: a chat event carries
// the seq of the agent event it mirrors.
class RunEvents {
 public:
  RunEvents(rpc::EventSink& sink, std::string runId, std::string sessionKey);

  void started(std::int64_t startedAt);
  // `delta` was just streamed; `text` is the run's assistant text so far.
  void assistantDelta(const std::string& delta, const std::string& text);
  void toolStarted(const agent::ToolCall& call);
  void toolFinished(const agent::ToolCall& call, const agent::ToolResult& result);
  // The lifecycle end/error event and the final chat event. `text` is the run's assistant text.
  void ended(RunStatus status, const std::string& text, const std::string& stopReason,
             const std::string& errorMessage, std::int64_t startedAt, std::int64_t endedAt);

 private:
  // Sends an agent event and returns its seq.
  std::uint64_t agent(const std::string& stream, nlohmann::json data);
  void chat(std::uint64_t seq, const std::string& state, nlohmann::json fields);

  rpc::EventSink& sink_;
  std::string runId_;
  std::string sessionKey_;
  std::uint64_t seq_ = 0;
};

// The `message` of chat events: an assistant message with one text block.
nlohmann::json assistantChatMessage(const std::string& text, std::int64_t timestampMs);

}  // namespace openclaw::runs
