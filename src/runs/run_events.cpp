#include "runs/run_events.h"

#include "core/clock.h"
#include "protocol/scopes.h"

namespace openclaw::runs {

const char* runStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::Ok:
      return "ok";
    case RunStatus::Error:
      return "error";
    case RunStatus::Timeout:
      return "timeout";
    case RunStatus::Aborted:
      return "aborted";
  }
  return "error";
}

nlohmann::json assistantChatMessage(const std::string& text, std::int64_t timestampMs) {
  return {{"role", "assistant"},
          {"content", {{{"type", "text"}, {"text", text}}}},
          {"timestamp", timestampMs}};
}

RunEvents::RunEvents(rpc::EventSink& sink, std::string runId, std::string sessionKey)
    : sink_(sink), runId_(std::move(runId)), sessionKey_(std::move(sessionKey)) {}

std::uint64_t RunEvents::agent(const std::string& stream, nlohmann::json data) {
  const std::uint64_t seq = ++seq_;
  sink_.broadcastToOperators("agent",
                             {{"runId", runId_},
                              {"seq", seq},
                              {"stream", stream},
                              {"ts", core::nowMs()},
                              {"data", std::move(data)},
                              {"sessionKey", sessionKey_}},
                             protocol::scopes::kRead);
  return seq;
}

void RunEvents::chat(std::uint64_t seq, const std::string& state, nlohmann::json fields) {
  fields["runId"] = runId_;
  fields["sessionKey"] = sessionKey_;
  fields["seq"] = seq;
  fields["state"] = state;
  sink_.broadcastToOperators("chat", fields, protocol::scopes::kRead);
}

void RunEvents::started(std::int64_t startedAt) {
  agent("lifecycle", {{"phase", "start"}, {"startedAt", startedAt}});
}

void RunEvents::assistantDelta(const std::string& delta, const std::string& text) {
  const std::uint64_t seq = agent("assistant", {{"text", text}, {"delta", delta}});
  chat(seq, "delta",
       {{"deltaText", delta}, {"message", assistantChatMessage(text, core::nowMs())}});
}

void RunEvents::toolStarted(const agent::ToolCall& call) {
  agent(
      "tool",
      {{"phase", "start"}, {"name", call.name}, {"toolCallId", call.id}, {"args", call.arguments}});
}

void RunEvents::toolFinished(const agent::ToolCall& call, const agent::ToolResult& result) {
  agent("tool", {{"phase", "result"},
                 {"name", call.name},
                 {"toolCallId", call.id},
                 {"result", result.output},
                 {"isError", result.isError}});
}

void RunEvents::ended(RunStatus status, const std::string& text, const std::string& stopReason,
                      const std::string& errorMessage, std::int64_t startedAt,
                      std::int64_t endedAt) {
  nlohmann::json data = {{"startedAt", startedAt}, {"endedAt", endedAt}};
  if (status == RunStatus::Ok) {
    data["phase"] = "end";
  } else {
    data["phase"] = "error";
    data["error"] = errorMessage;
    data["status"] = runStatusName(status);
  }
  if (status == RunStatus::Aborted) data["aborted"] = true;
  const std::uint64_t seq = agent("lifecycle", std::move(data));

  nlohmann::json fields = nlohmann::json::object();
  if (!text.empty()) fields["message"] = assistantChatMessage(text, endedAt);
  if (!stopReason.empty()) fields["stopReason"] = stopReason;
  switch (status) {
    case RunStatus::Ok:
      chat(seq, "final", std::move(fields));
      break;
    case RunStatus::Aborted:
      chat(seq, "aborted", std::move(fields));
      break;
    case RunStatus::Timeout:
      fields["errorKind"] = "timeout";
      fields["errorMessage"] = errorMessage;
      chat(seq, "error", std::move(fields));
      break;
    case RunStatus::Error:
      fields["errorMessage"] = errorMessage;
      chat(seq, "error", std::move(fields));
      break;
  }
}

}  // namespace openclaw::runs
