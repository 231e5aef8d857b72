#include "runs/agent_run.h"

#include <algorithm>
#include <atomic>

#include "agent/model_turn_await.h"
#include "agent/tool_await.h"
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
    : blocking_(blocking),
      setup_(std::move(setup)),
      events_(sink, setup_.runId, setup_.sessionKey),
      journal_(std::move(journal)),
      onEnd_(std::move(onEnd)),
      deadline_(io) {
  for (const auto& tool : setup_.tools) toolDefinitions_.push_back(tool->definition());
  toolDefinitions_.insert(toolDefinitions_.end(), setup_.clientTools.begin(),
                          setup_.clientTools.end());
}

boost::asio::awaitable<void> AgentRun::run(std::vector<agent::Message> context) {
  if (ended_) co_return;
  auto self = shared_from_this();  // for the deadline
  started_ = true;
  messages_ = std::move(context);
  result_.startedAt = core::nowMs();
  events_.started(result_.startedAt);
  if (setup_.timeout.count() > 0) {
    deadline_.expires_after(setup_.timeout);
    deadline_.async_wait([self](const boost::system::error_code& ec) {
      if (ec) return;
      const auto seconds =
          std::chrono::duration_cast<std::chrono::duration<double>>(self->setup_.timeout);
      self->cancel(RunStatus::Timeout,
                   "agent run timed out after " + std::to_string(seconds.count()) + " s");
    });
  }
  try {
    while (++modelCalls_ <= setup_.maxModelCalls) {
      agent::ModelRequest request;
      request.model = setup_.model;
      request.systemPrompt = setup_.systemPrompt;
      request.messages = messages_;
      request.tools = toolDefinitions_;
      request.maxTokens = setup_.maxTokens;
      turnText_.clear();
      const agent::AssistantTurn turn = co_await agent::streamTurn(
          *setup_.provider, request, [this](const std::string& delta) { onDelta(delta); }, cancel_);
      recordTurn(turn);
      if (turn.toolCalls.empty()) {
        finish(RunStatus::Ok, turn.stopReason, "");
        co_return;
      }
      toolCalls_ = turn.toolCalls;
      for (nextTool_ = 0; nextTool_ < toolCalls_.size(); ++nextTool_) {
        const agent::ToolCall call = toolCalls_[nextTool_];
        if (isClientTool(call.name)) {
          result_.clientToolCalls.push_back(call);  // the caller runs it
          continue;
        }
        events_.toolStarted(call);
        recordToolResult(call, co_await callTool(call));
      }
      toolCalls_.clear();
      if (!result_.clientToolCalls.empty()) {
        finish(RunStatus::Ok, "tool_calls", "");
        co_return;
      }
    }
    finish(RunStatus::Error, "error",
           "stopped after " + std::to_string(setup_.maxModelCalls) +
               " model calls without a final answer");
  } catch (const agent::ModelFailure& failure) {
    finish(RunStatus::Error, "error",
           "model call failed (" + failure.error().code + "): " + failure.error().message);
  } catch (const core::Cancelled&) {
    endCancelled();
  } catch (const std::exception& failure) {
    // Something below failed in a way it should have reported (a provider that threw): the run
    // ends as an error instead of leaving its session busy.
    finish(RunStatus::Error, "error", std::string("agent run failed: ") + failure.what());
  }
}

void AgentRun::onDelta(const std::string& delta) {
  if (delta.empty()) return;
  const std::string shown =
      turnText_.empty() && !result_.text.empty() ? kTurnSeparator + delta : delta;
  turnText_ += delta;
  result_.text += shown;
  events_.assistantDelta(shown, result_.text);
  if (setup_.onTextDelta) setup_.onTextDelta(shown);
}

void AgentRun::recordTurn(const agent::AssistantTurn& turn) {
  // A provider may deliver text only with the completed turn; keep the run text complete.
  if (turnText_.empty() && !turn.text.empty()) onDelta(turn.text);
  turnText_.clear();
  result_.usage.inputTokens += turn.usage.inputTokens;
  result_.usage.outputTokens += turn.usage.outputTokens;
  journal_(sessions::assistantEntry(turn, core::nowMs()));
  if (!turn.text.empty()) result_.payloads.push_back(turn.text);
  messages_.push_back({"assistant", turn.text, turn.toolCalls, "", "", false});
}

std::shared_ptr<const agent::Tool> AgentRun::findTool(const std::string& name) const {
  for (std::size_t i = 0; i < setup_.tools.size(); ++i) {
    if (toolDefinitions_[i].name == name) return setup_.tools[i];
  }
  return nullptr;
}

bool AgentRun::isClientTool(const std::string& name) const {
  return std::any_of(setup_.clientTools.begin(), setup_.clientTools.end(),
                     [&name](const agent::ToolDefinition& tool) { return tool.name == name; });
}

boost::asio::awaitable<agent::ToolResult> AgentRun::callTool(const agent::ToolCall& call) {
  auto tool = findTool(call.name);
  if (!tool)
    co_return agent::ToolResult{"unknown tool: " + call.name, true, nlohmann::json::object()};
  const agent::ToolContext context{setup_.workspace, std::make_shared<std::atomic<bool>>(false),
                                   setup_.sessionKey, std::make_shared<agent::CancelCallbacks>()};
  agent::ToolResult result =
      co_await agent::runTool(std::move(tool), call.arguments, context, blocking_, cancel_);
  // Tools pass on bytes from files, processes and the web: the transcript, the events and the
  // next model request need UTF-8.
  result.output = core::toValidUtf8(result.output);
  co_return result;
}

void AgentRun::recordToolResult(const agent::ToolCall& call, const agent::ToolResult& result) {
  events_.toolFinished(call, result);
  journal_(sessions::toolResultEntry(call, result, core::nowMs()));
  messages_.push_back({"tool", result.output, {}, call.id, call.name, result.isError});
}

void AgentRun::cancel(RunStatus status, const std::string& reason) {
  if (ended_ || cancel_.emitted()) return;
  cancelStatus_ = status;
  cancelReason_ = reason;
  if (!started_) {
    endCancelled();
    return;
  }
  // The run ends in here (the awaited step completes with core::Cancelled at once), and its
  // owner may let go of it.
  auto self = shared_from_this();
  cancel_.emit();
}

void AgentRun::endCancelled() {
  // Every call the model made gets a result, so the next request stays well-formed.
  for (std::size_t i = nextTool_; i < toolCalls_.size(); ++i) {
    journal_(sessions::toolResultEntry(
        toolCalls_[i], {"the run ended before this tool finished: " + cancelReason_, true, {}},
        core::nowMs()));
  }
  if (result_.startedAt == 0) result_.startedAt = core::nowMs();
  finish(cancelStatus_, stopReasonFor(cancelStatus_), cancelReason_);
}

void AgentRun::finish(RunStatus status, const std::string& stopReason,
                      const std::string& errorMessage) {
  ended_ = true;
  deadline_.cancel();
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
