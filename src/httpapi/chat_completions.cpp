#include "httpapi/chat_completions.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/clock.h"
#include "core/logging.h"
#include "core/random_ids.h"
#include "core/text.h"
#include "httpapi/agent_turn.h"
#include "httpapi/http_errors.h"
#include "httpapi/openai_agent_target.h"
#include "httpapi/openai_chat_request.h"
#include "httpapi/openai_chat_response.h"
#include "httpapi/openai_turn_route.h"
#include "rpc/storage_await.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

constexpr const char* kNoResponse = "No response from OpenClaw.";

// The turn's failure as the OpenAI error object of upstream's envelope, with its status.
struct Failure {
  unsigned status;
  json error;
};
Failure failureOf(const AgentTurnEnd& end) {
  if (end.refusal && end.refusal->code == protocol::codes::kInvalidRequest) {
    return {400, {{"message", end.refusal->message}, {"type", "invalid_request_error"}}};
  }
  const std::string message = end.errorMessage.empty() ? "agent run failed" : end.errorMessage;
  return {end.status == runs::RunStatus::Timeout ? 504u : 500u,
          {{"message", message}, {"type", "api_error"}}};
}

rpc::HttpResponse jsonResponse(unsigned status, const json& body) {
  rpc::HttpResponse response =
      rpc::HttpResponse::json(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
  return response;
}

// A request that passed validation and routing: what the turn and the answer need.
struct Prepared {
  ChatCompletionRequest body;
  AgentTarget target;
  std::optional<std::string> modelOverride;
};

// Body parsing and prompt building: off the event loop (a body may be 20 MiB).
HttpOutcome<ChatCompletionRequest> parsedBody(const rpc::HttpRequest& request) {
  HttpOutcome<json> body = jsonObjectBody(request);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&body)) return std::move(*refusal);
  protocol::Result<ChatCompletionRequest> parsed = parseChatCompletionRequest(std::get<json>(body));
  if (!parsed) return invalidRequest(parsed.error().message);
  return std::move(parsed).value();
}

// Routing and the checks that need the running settings (event-loop thread).
HttpOutcome<Prepared> prepared(ChatCompletionRequest body, const rpc::HttpRequest& request,
                               const config::GatewaySettings& settings) {
  HttpOutcome<RoutedTurn> routed = routeTurn(request, body.model, body.user, "openai", settings);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&routed)) return std::move(*refusal);
  RoutedTurn& turn = std::get<RoutedTurn>(routed);
  if (body.hasImages) {
    return invalidRequest(
        "Invalid image_url content in `messages`: this gateway does not take images.");
  }
  if (body.prompt.message.empty()) return invalidRequest("Missing user message in `messages`.");
  return Prepared{std::move(body), std::move(turn.target), std::move(turn.modelOverride)};
}

AgentTurnRequest turnRequest(const Prepared& prepared, const std::string& runId) {
  AgentTurnRequest turn;
  turn.agentId = prepared.target.agentId;
  turn.sessionKey = prepared.target.sessionKey;
  turn.message = prepared.body.prompt.message;
  turn.runId = runId;
  const std::string& system = prepared.body.prompt.extraSystemPrompt;
  const std::string& instruction = prepared.body.tools.instruction;
  turn.extraSystemPrompt =
      system.empty() || instruction.empty() ? system + instruction : system + "\n\n" + instruction;
  turn.clientTools = prepared.body.tools.tools;
  turn.model = prepared.modelOverride;
  turn.maxTokens = prepared.body.maxTokens;
  return turn;
}

// The unmet tool_choice constraint of a successful turn, if any.
std::optional<std::string> unmetChoice(const Prepared& prepared, const AgentTurnEnd& end) {
  const auto& constraint = prepared.body.tools.constraint;
  if (!constraint || constraintMet(*constraint, end.toolCalls)) return std::nullopt;
  return unmetConstraintMessage(*constraint);
}

void answerOnce(ChatCompletionsServices& services, const Prepared& prepared,
                const CompletionIdentity& identity, rpc::HttpClientLink& client,
                const rpc::HttpRouter::Respond& respond) {
  AgentTurnHandlers handlers;
  handlers.onEnd = [prepared, identity, respond](const AgentTurnEnd& end) {
    if (end.status != runs::RunStatus::Ok) {
      const Failure failure = failureOf(end);
      return respond(jsonResponse(failure.status, {{"error", failure.error}}));
    }
    if (auto unmet = unmetChoice(prepared, end)) {
      return respond(jsonResponse(502, {{"error", {{"message", *unmet}, {"type", "api_error"}}}}));
    }
    const std::string content =
        !end.text.empty() || !end.toolCalls.empty() ? end.text : kNoResponse;
    respond(jsonResponse(
        200, completionJson(identity, content, end.toolCalls,
                            finishReasonOf(end.stopReason, !end.toolCalls.empty()), end.usage)));
  };
  auto turn = AgentTurn::start(services.runs, services.runtime.io,
                               turnRequest(prepared, identity.id), std::move(handlers));
  turn->abortWhenGone(client);
}

// The streamed answer: the role chunk at once, content chunks as the text streams (held back
// under a tool_choice constraint until the calls are confirmed), then tool calls, the finish
// chunk, the usage chunk when asked for, and [DONE].
class StreamedAnswer : public std::enable_shared_from_this<StreamedAnswer> {
 public:
  StreamedAnswer(Prepared prepared, CompletionIdentity identity)
      : prepared_(std::move(prepared)),
        identity_(std::move(identity)),
        stream_(std::make_shared<rpc::HttpBodyStream>()) {}

  void start(ChatCompletionsServices& services, rpc::HttpClientLink& client,
             const rpc::HttpRouter::Respond& respond) {
    respond(rpc::HttpResponse::eventStream(stream_));
    write(chunkJson(identity_, {{"role", "assistant"}}));
    AgentTurnHandlers handlers;
    auto self = shared_from_this();
    handlers.onTextDelta = [self](const std::string& delta) { self->delta(delta); };
    handlers.onEnd = [self](const AgentTurnEnd& end) { self->finish(end); };
    auto turn = AgentTurn::start(services.runs, services.runtime.io,
                                 turnRequest(prepared_, identity_.id), std::move(handlers));
    turn->abortWhenGone(client);
  }

 private:
  bool holdsText() const { return prepared_.body.tools.constraint.has_value(); }

  void write(const json& value) { stream_->write(sseData(value)); }

  void delta(const std::string& text) {
    if (holdsText()) return;
    streamed_ = true;
    write(chunkJson(identity_, {{"content", text}}));
  }

  void fail(const json& error) {
    write({{"error", error}});
    stream_->write(kSseDone);
    stream_->end();
  }

  void finish(const AgentTurnEnd& end) {
    if (end.status != runs::RunStatus::Ok) return fail(failureOf(end).error);
    if (auto unmet = unmetChoice(prepared_, end)) {
      return fail({{"message", *unmet}, {"type", "api_error"}});
    }
    if (holdsText() && !end.text.empty()) write(chunkJson(identity_, {{"content", end.text}}));
    if (!streamed_ && end.text.empty() && end.toolCalls.empty()) {
      write(chunkJson(identity_, {{"content", kNoResponse}}));
    }
    for (const json& chunk : toolCallChunks(identity_, end.toolCalls)) write(chunk);
    write(chunkJson(identity_, json::object(),
                    finishReasonOf(end.stopReason, !end.toolCalls.empty())));
    if (prepared_.body.includeUsage) write(usageChunkJson(identity_, end.usage));
    stream_->write(kSseDone);
    stream_->end();
  }

  Prepared prepared_;
  CompletionIdentity identity_;
  std::shared_ptr<rpc::HttpBodyStream> stream_;
  bool streamed_ = false;  // some text went out as it streamed
};

boost::asio::awaitable<void> serve(ChatCompletionsServices& services,
                                   const rpc::HttpRequest& request,
                                   const rpc::HttpRouter::Respond& respond) {
  // `request` stays valid until respond() is called.
  auto client = request.client;
  HttpOutcome<ChatCompletionRequest> body =
      co_await rpc::onPool(services.runtime.blocking, [&request] { return parsedBody(request); });
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&body)) {
    respond(*refusal);
    co_return;
  }
  HttpOutcome<Prepared> ready = prepared(std::move(std::get<ChatCompletionRequest>(body)), request,
                                         services.runtime.settings);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&ready)) {
    respond(*refusal);
    co_return;
  }
  Prepared& turn = std::get<Prepared>(ready);
  CompletionIdentity identity{"chatcmpl_" + core::uuidV4(), core::nowMs() / 1000, turn.body.model};
  if (!turn.body.stream) {
    answerOnce(services, turn, identity, *client, respond);
    co_return;
  }
  auto answer = std::make_shared<StreamedAnswer>(std::move(turn), std::move(identity));
  answer->start(services, *client, respond);
}

// serve(), answering 500 when it fails unexpectedly (the transport waits for an answer; a second
// one after a streamed start is ignored).
boost::asio::awaitable<void> serveSafely(ChatCompletionsServices& services,
                                         const rpc::HttpRequest& request,
                                         rpc::HttpRouter::Respond respond) {
  try {
    co_await serve(services, request, respond);
  } catch (const std::exception& error) {
    core::logger("http")->error("POST /v1/chat/completions failed: {}", error.what());
    respond(internalError("internal error"));
  }
}

}  // namespace

void handleChatCompletion(ChatCompletionsServices& services, const rpc::HttpRequest& request,
                          rpc::HttpRouter::Respond respond) {
  if (!services.runtime.settings.httpEndpoints.chatCompletions) return respond(notFound());
  HttpOutcome<HttpCaller> admitted = services.gate.admit(request);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&admitted)) return respond(*refusal);
  const HttpCaller& caller = std::get<HttpCaller>(admitted);
  if (auto refusal = turnScopeRefusal(request, caller)) return respond(std::move(*refusal));
  boost::asio::co_spawn(services.runtime.io, serveSafely(services, request, std::move(respond)),
                        boost::asio::detached);
}

}  // namespace openclaw::httpapi
