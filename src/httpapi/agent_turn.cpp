#include "httpapi/agent_turn.h"

#include <boost/asio/post.hpp>

namespace openclaw::httpapi {

AgentTurn::AgentTurn(runs::RunManager& runs, boost::asio::io_context& io,
                     AgentTurnHandlers handlers)
    : runs_(runs), io_(io), handlers_(std::move(handlers)) {}

std::shared_ptr<AgentTurn> AgentTurn::start(runs::RunManager& runs, boost::asio::io_context& io,
                                            AgentTurnRequest request, AgentTurnHandlers handlers) {
  auto turn = std::make_shared<AgentTurn>(runs, io, std::move(handlers));
  runs::RunRequest run;
  run.runId = std::move(request.runId);
  run.target.sessionKey = std::move(request.sessionKey);
  run.target.agentId = std::move(request.agentId);
  run.message = std::move(request.message);
  run.extras.model = std::move(request.model);
  run.extras.extraSystemPrompt = std::move(request.extraSystemPrompt);
  run.extras.clientTools = std::move(request.clientTools);
  run.extras.maxTokens = request.maxTokens;
  if (turn->handlers_.onTextDelta) {
    run.extras.onTextDelta = [turn](const std::string& delta) {
      if (!turn->ended_ && turn->handlers_.onTextDelta) turn->handlers_.onTextDelta(delta);
    };
  }
  runs.submit(
      std::move(run),
      [turn](const protocol::Result<runs::AcceptedRun>& accepted) { turn->admitted(accepted); },
      [turn](const runs::EndedRun& ended) { turn->ended(ended); });
  return turn;
}

void AgentTurn::admitted(const protocol::Result<runs::AcceptedRun>& accepted) {
  if (!accepted) {
    AgentTurnEnd end;
    end.status = runs::RunStatus::Error;
    end.stopReason = "error";
    end.errorMessage = accepted.error().message;
    end.refusal = accepted.error();
    ended_ = true;
    auto handlers = std::move(handlers_);
    handlers_ = {};
    handlers.onEnd(end);
    return;
  }
  accepted_ = *accepted;
  if (handlers_.onAccepted) handlers_.onAccepted(*accepted);
  if (abortRequested_) abortAdmitted();
}

void AgentTurn::abort() {
  if (ended_ || abortRequested_) return;
  abortRequested_ = true;
  if (accepted_) abortAdmitted();
}

void AgentTurn::abortAdmitted() {
  // Posted: the run manager queues an admitted run only after its onAdmitted returned.
  boost::asio::post(io_, [self = shared_from_this()] {
    if (!self->ended_) self->runs_.abort(self->accepted_->sessionKey, self->accepted_->runId);
  });
}

void AgentTurn::abortWhenGone(rpc::HttpClientLink& client) {
  client.onGone([weak = weak_from_this()] {
    if (auto turn = weak.lock()) turn->abort();
  });
}

void AgentTurn::ended(const runs::EndedRun& run) {
  if (ended_) return;
  ended_ = true;
  const runs::RunResult& result = run.result;
  AgentTurnEnd end;
  end.status = result.status;
  end.text = result.text;
  end.stopReason = result.stopReason;
  end.errorMessage = result.errorMessage;
  end.usage = result.usage;
  end.toolCalls = result.clientToolCalls;
  end.runId = run.run.runId;
  end.sessionKey = run.run.sessionKey;
  end.sessionId = run.run.sessionId;
  auto handlers = std::move(handlers_);
  handlers_ = {};
  handlers.onEnd(end);
}

}  // namespace openclaw::httpapi
