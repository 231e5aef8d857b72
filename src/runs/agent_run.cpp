#include "runs/agent_run.h"

#include <boost/asio/post.hpp>

#include "core/clock.h"
#include "core/utf8.h"
#include "sessions/transcript_message.h"

namespace openclaw::runs {
namespace {

// Between the texts of two assistant turns in the run-wide text.
constexpr const char* kTurnSeparator = "\n\n";

const char* stopReasonFor(RunStatus status) {
  switch (status) {
    case RunStatus::Timeout:
      return "timeout";
    case RunStatus::Aborted:
      return "aborted";
    case RunStatus::Error:
    case RunStatus::Ok:
      break;
  }
  return "error";
}

}  // namespace

AgentRun::AgentRun(boost::asio::io_context& io, boost::asio::thread_pool& blocking,
                   rpc::EventSink& sink, RunSetup setup, Journal journal, OnEnd onEnd)
    : io_(io),
      blocking_(blocking),
      setup_(std::move(setup)),
      events_(sink, setup_.runId, setup_.sessionKey),
      journal_(std::move(journal)),
      onEnd_(std::move(onEnd)),
      deadline_(io) {
  for (const auto& tool : setup_.tools) toolDefinitions_.push_back(tool->definition());
}

void AgentRun::start(std::vector<agent::Message> context) {
  if (ended_) return;
  messages_ = std::move(context);
  result_.startedAt = core::nowMs();
  events_.started(result_.startedAt);
  if (setup_.timeout.count() > 0) {
    deadline_.expires_after(setup_.timeout);
    deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      const auto seconds =
          std::chrono::duration_cast<std::chrono::duration<double>>(self->setup_.timeout);
      self->cancel(RunStatus::Timeout,
                   "agent run timed out after " + std::to_string(seconds.count()) + " s");
    });
  }
  callModel();
}

void AgentRun::callModel() {
  if (++modelCalls_ > setup_.maxModelCalls) {
    finish(RunStatus::Error, "error",
           "stopped after " + std::to_string(setup_.maxModelCalls) +
               " model calls without a final answer");
    return;
  }
  agent::ModelRequest request;
  request.model = setup_.model;
  request.systemPrompt = setup_.systemPrompt;
  request.messages = messages_;
  request.tools = toolDefinitions_;
  turnText_.clear();
  auto self = shared_from_this();
  agent::ModelStreamHandlers handlers;
  handlers.onTextDelta = [self](const std::string& delta) { self->onDelta(delta); };
  handlers.onComplete = [self](agent::AssistantTurn turn) { self->onTurn(std::move(turn)); };
  handlers.onError = [self](agent::ModelError error) {
    if (self->ended_) return;
    self->finish(RunStatus::Error, "error",
                 "model call failed (" + error.code + "): " + error.message);
  };
  call_ = setup_.provider->stream(request, std::move(handlers));
}

void AgentRun::onDelta(const std::string& delta) {
  if (ended_ || delta.empty()) return;
  const std::string shown =
      turnText_.empty() && !result_.text.empty() ? kTurnSeparator + delta : delta;
  turnText_ += delta;
  result_.text += shown;
  events_.assistantDelta(shown, result_.text);
}

void AgentRun::onTurn(agent::AssistantTurn turn) {
  if (ended_) return;
  call_.reset();
  // A provider may deliver text only with the completed turn; keep the run text complete.
  if (turnText_.empty() && !turn.text.empty()) onDelta(turn.text);
  turnText_.clear();
  result_.usage.inputTokens += turn.usage.inputTokens;
  result_.usage.outputTokens += turn.usage.outputTokens;
  journal_(sessions::assistantEntry(turn, core::nowMs()));
  if (!turn.text.empty()) result_.payloads.push_back(turn.text);
  messages_.push_back({"assistant", turn.text, turn.toolCalls, "", "", false});
  if (turn.toolCalls.empty()) {
    finish(RunStatus::Ok, turn.stopReason, "");
    return;
  }
  toolCalls_ = std::move(turn.toolCalls);
  nextTool_ = 0;
  inTools_ = true;
  runNextTool();
}

const agent::Tool* AgentRun::findTool(const std::string& name) const {
  for (std::size_t i = 0; i < toolDefinitions_.size(); ++i) {
    if (toolDefinitions_[i].name == name) return setup_.tools[i].get();
  }
  return nullptr;
}

void AgentRun::runNextTool() {
  if (nextTool_ == toolCalls_.size()) {
    inTools_ = false;
    callModel();
    return;
  }
  const agent::ToolCall call = toolCalls_[nextTool_];
  events_.toolStarted(call);
  const agent::Tool* tool = findTool(call.name);
  if (tool == nullptr) {
    onToolDone(call, {"unknown tool: " + call.name, true, nlohmann::json::object()});
    return;
  }
  agent::ToolContext context{setup_.workspace, cancelled_, setup_.sessionKey, cancelCallbacks_};
  // The tool object lives in setup_.tools, which the run (kept alive by `self`) owns.
  boost::asio::post(blocking_, [self = shared_from_this(), tool, call, context] {
    tool->start(call.arguments, context, [self, call](agent::ToolResult result) {
      // Tools pass on bytes from files, processes and the web: the transcript, the events and
      // the next model request need UTF-8.
      result.output = core::toValidUtf8(result.output);
      boost::asio::post(
          self->io_, [self, call, result = std::move(result)] { self->onToolDone(call, result); });
    });
  });
}

void AgentRun::onToolDone(const agent::ToolCall& call, const agent::ToolResult& result) {
  if (ended_) return;
  events_.toolFinished(call, result);
  journal_(sessions::toolResultEntry(call, result, core::nowMs()));
  messages_.push_back({"tool", result.output, {}, call.id, call.name, result.isError});
  ++nextTool_;
  runNextTool();
}

void AgentRun::cancel(RunStatus status, const std::string& reason) {
  if (ended_) return;
  cancelled_->store(true);
  if (inTools_) {
    // Every call the model made gets a result, so the next request stays well-formed.
    for (std::size_t i = nextTool_; i < toolCalls_.size(); ++i) {
      journal_(sessions::toolResultEntry(
          toolCalls_[i], {"the run ended before this tool finished: " + reason, true, {}},
          core::nowMs()));
    }
  }
  if (result_.startedAt == 0) result_.startedAt = core::nowMs();
  auto call = std::move(call_);
  finish(status, stopReasonFor(status), reason);
  if (call) call->cancel();    // its onError{cancelled} now finds the run ended
  cancelCallbacks_->cancel();  // e.g. an exec approval the run waits for
}

void AgentRun::finish(RunStatus status, const std::string& stopReason,
                      const std::string& errorMessage) {
  ended_ = true;
  deadline_.cancel();
  call_.reset();
  result_.status = status;
  result_.stopReason = stopReason;
  result_.errorMessage = errorMessage;
  result_.endedAt = core::nowMs();
  if (status != RunStatus::Ok) {
    // What was streamed before the end, and why it ended, stay visible in the history.
    agent::AssistantTurn partial;
    partial.text = turnText_;
    partial.stopReason = stopReason;
    journal_(sessions::assistantEntry(partial, result_.endedAt, errorMessage));
  }
  events_.ended(status, result_.text, stopReason, errorMessage, result_.startedAt, result_.endedAt);
  auto onEnd = std::move(onEnd_);
  onEnd_ = nullptr;
  onEnd(result_);
}

}  // namespace openclaw::runs
