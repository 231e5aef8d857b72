#include "httpapi/responses_endpoint.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/clock.h"
#include "core/json_fields.h"
#include "core/logging.h"
#include "core/text.h"
#include "httpapi/agent_turn.h"
#include "httpapi/http_errors.h"
#include "httpapi/openai_agent_target.h"
#include "httpapi/openai_chat_request.h"
#include "httpapi/openai_turn_route.h"
#include "httpapi/responses_events.h"
#include "httpapi/responses_request.h"
#include "httpapi/responses_sessions.h"
#include "rpc/storage_await.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

constexpr const char* kPath = "/v1/responses";
// Upstream's built-in limit for a Responses body (files and images may ride along).
constexpr std::size_t kBodyLimit = 20 * 1024 * 1024;

struct Services {
  const HttpGate& gate;
  rpc::GatewayRuntime& runtime;
  runs::RunManager& runs;
  ResponseSessions sessions;
};

rpc::HttpResponse jsonResponse(unsigned status, const json& body) {
  return rpc::HttpResponse::json(status, core::compactJson(body));
}

std::string joinedNonEmpty(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!part.empty()) out += (out.empty() ? "" : "\n\n") + part;
  }
  return out;
}

// The body with the run's prompt and client tools: built off the event loop (up to 20 MiB).
struct ParsedBody {
  ResponsesRequest body;
  AgentPrompt prompt;
  ClientTools tools;
};

HttpOutcome<ParsedBody> parsedBody(const rpc::HttpRequest& request) {
  HttpOutcome<json> body = jsonObjectBody(request);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&body)) return std::move(*refusal);
  protocol::Result<ResponsesRequest> parsed = parseResponsesRequest(std::get<json>(body));
  if (!parsed) return invalidRequest(parsed.error().message);
  ParsedBody out{std::move(parsed).value(), {}, {}};
  out.prompt = agentPromptFromMessages(out.body.messages);
  try {
    out.tools = clientToolsOf(out.body.tools, out.body.toolChoice);
  } catch (const std::invalid_argument&) {
    return invalidRequest("invalid tool configuration");
  }
  return out;
}

// A request that passed validation and routing.
struct Turn {
  ParsedBody parsed;
  AgentTarget target;
  ResponseSessionScope scope;
  std::optional<std::string> modelOverride;
  ResponseIdentity identity;
};

// Routing and the checks that need the running settings (event-loop thread).
HttpOutcome<Turn> routed(ParsedBody parsed, const rpc::HttpRequest& request, Services& services) {
  const config::GatewaySettings& settings = services.runtime.settings;
  HttpOutcome<RoutedTurn> routedTurn =
      routeTurn(request, parsed.body.model, parsed.body.user, "openresponses", settings);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&routedTurn)) return std::move(*refusal);
  RoutedTurn& turn = std::get<RoutedTurn>(routedTurn);
  if (parsed.body.currentTurnHasMedia) {
    return invalidRequest(
        "Invalid input_image/input_file content in `input`: this gateway does not take images "
        "or files.");
  }
  if (parsed.prompt.message.empty()) return invalidRequest("Missing user message in `input`.");

  ResponseSessionScope scope{
      responseAuthSubject(bearerToken(request), config::authModeName(settings.auth.mode)),
      turn.target.agentId, core::trimmed(request.header("x-openclaw-session-key"))};
  if (parsed.body.previousResponseId) {
    if (auto session =
            services.sessions.lookup(*parsed.body.previousResponseId, scope, core::nowMs())) {
      turn.target.sessionKey = *session;
    }
  }
  ResponseIdentity identity = ResponseIdentity::fresh(parsed.body.model);
  return Turn{std::move(parsed), std::move(turn.target), std::move(scope),
              std::move(turn.modelOverride), std::move(identity)};
}

AgentTurnRequest turnRequest(const Turn& turn) {
  AgentTurnRequest request;
  request.agentId = turn.target.agentId;
  request.sessionKey = turn.target.sessionKey;
  request.message = turn.parsed.prompt.message;
  request.runId = turn.identity.id;  // as upstream: the response id is the run id
  request.extraSystemPrompt =
      joinedNonEmpty({turn.parsed.body.instructions, turn.parsed.prompt.extraSystemPrompt,
                      turn.parsed.tools.instruction});
  request.clientTools = turn.parsed.tools.tools;
  request.model = turn.modelOverride;
  request.maxTokens = turn.parsed.body.maxOutputTokens;
  return request;
}

// A turn that did not end well, as the failed response's status, error code and message.
struct Failure {
  unsigned status;
  std::string code;
  std::string message;
};

std::optional<Failure> failureOf(const Turn& turn, const AgentTurnEnd& end) {
  if (end.refusal && end.refusal->code == protocol::codes::kInvalidRequest) {
    return Failure{400, "invalid_request_error", "invalid tool configuration"};
  }
  if (end.status != runs::RunStatus::Ok) {
    const bool timeout = end.status == runs::RunStatus::Timeout;
    return Failure{timeout ? 504u : 500u, "api_error",
                   end.errorMessage.empty() ? "internal error" : end.errorMessage};
  }
  const auto& constraint = turn.parsed.tools.constraint;
  if (constraint && !constraintMet(*constraint, end.toolCalls)) {
    return Failure{502, "api_error", unmetConstraintMessage(*constraint)};
  }
  return std::nullopt;
}

ResponseOutcome outcomeOf(const AgentTurnEnd& end) {
  ResponseOutcome outcome;
  outcome.status = end.stopReason == "length" ? "incomplete" : "completed";
  outcome.text = end.text;
  outcome.usage = end.usage;
  for (const agent::ToolCall& call : end.toolCalls) {
    outcome.toolCalls.push_back({call.id, call.name, core::compactJson(call.arguments)});
  }
  return outcome;
}

// Remembers which session the response's run used, for previous_response_id (upstream does so
// for answered and failed runs alike, not for refused ones).
void remember(Services& services, const Turn& turn, const AgentTurnEnd& end) {
  if (end.refusal) return;
  services.sessions.remember(turn.identity.id, turn.target.sessionKey, turn.scope, core::nowMs());
}

void answerOnce(const std::shared_ptr<Services>& services, Turn turn, rpc::HttpClientLink& client,
                const rpc::HttpRouter::Respond& respond) {
  AgentTurnHandlers handlers;
  AgentTurnRequest request = turnRequest(turn);
  handlers.onEnd = [services, turn = std::move(turn), respond](const AgentTurnEnd& end) {
    remember(*services, turn, end);
    if (auto failure = failureOf(turn, end)) {
      return respond(jsonResponse(failure->status, failedResponse(turn.identity, failure->code,
                                                                  failure->message, end.usage)));
    }
    respond(jsonResponse(200, finishedResponse(turn.identity, outcomeOf(end))));
  };
  auto agentTurn = AgentTurn::start(services->runs, services->runtime.io, std::move(request),
                                    std::move(handlers));
  agentTurn->abortWhenGone(client);
}

// The streamed answer: the opening events at once, text deltas as the text streams (held back
// under a tool_choice constraint, as upstream), then the closing events or response.failed.
class StreamedAnswer : public std::enable_shared_from_this<StreamedAnswer> {
 public:
  StreamedAnswer(std::shared_ptr<Services> services, Turn turn)
      : services_(std::move(services)),
        turn_(std::move(turn)),
        events_(turn_.identity),
        stream_(std::make_shared<rpc::HttpBodyStream>()) {}

  void start(rpc::HttpClientLink& client, const rpc::HttpRouter::Respond& respond) {
    respond(rpc::HttpResponse::eventStream(stream_));
    stream_->write(events_.opening());
    AgentTurnHandlers handlers;
    auto self = shared_from_this();
    handlers.onTextDelta = [self](const std::string& delta) { self->delta(delta); };
    handlers.onEnd = [self](const AgentTurnEnd& end) { self->finish(end); };
    auto agentTurn = AgentTurn::start(services_->runs, services_->runtime.io, turnRequest(turn_),
                                      std::move(handlers));
    agentTurn->abortWhenGone(client);
  }

 private:
  void delta(const std::string& text) {
    if (turn_.parsed.tools.constraint) return;
    stream_->write(events_.textDelta(text));
  }

  void finish(const AgentTurnEnd& end) {
    remember(*services_, turn_, end);
    if (auto failure = failureOf(turn_, end)) {
      stream_->write(events_.fail(failure->code, failure->message, end.usage));
    } else {
      stream_->write(events_.finish(outcomeOf(end)));
    }
    stream_->end();
  }

  std::shared_ptr<Services> services_;
  Turn turn_;
  ResponseEventStream events_;
  std::shared_ptr<rpc::HttpBodyStream> stream_;
};

boost::asio::awaitable<void> serve(std::shared_ptr<Services> services,
                                   const rpc::HttpRequest& request,
                                   const rpc::HttpRouter::Respond& respond) {
  // `request` stays valid until respond() is called.
  auto client = request.client;
  HttpOutcome<ParsedBody> body =
      co_await rpc::onPool(services->runtime.blocking, [&request] { return parsedBody(request); });
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&body)) {
    respond(*refusal);
    co_return;
  }
  HttpOutcome<Turn> ready = routed(std::move(std::get<ParsedBody>(body)), request, *services);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&ready)) {
    respond(*refusal);
    co_return;
  }
  Turn& turn = std::get<Turn>(ready);
  if (client->gone()) {  // hung up while the body was parsed: start nothing
    respond(internalError("client disconnected"));
    co_return;
  }
  if (!turn.parsed.body.stream) {
    answerOnce(services, std::move(turn), *client, respond);
    co_return;
  }
  auto answer = std::make_shared<StreamedAnswer>(services, std::move(turn));
  answer->start(*client, respond);
}

// serve(), answering 500 when it fails unexpectedly (the transport waits for an answer; a second
// one after a streamed start is ignored).
boost::asio::awaitable<void> serveSafely(std::shared_ptr<Services> services,
                                         const rpc::HttpRequest& request,
                                         rpc::HttpRouter::Respond respond) {
  try {
    co_await serve(std::move(services), request, respond);
  } catch (const std::exception& error) {
    core::logger("http")->error("POST /v1/responses failed: {}", error.what());
    respond(internalError("internal error"));
  }
}

}  // namespace

void addResponsesRoutes(rpc::HttpRouter& router, const HttpGate& gate, rpc::GatewayRuntime& runtime,
                        runs::RunManager& runs) {
  auto services = std::make_shared<Services>(Services{gate, runtime, runs, {}});
  router.addAsync("POST", kPath,
                  [services](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
                    if (!services->runtime.settings.httpEndpoints.responses)
                      return respond(notFound());
                    HttpOutcome<HttpCaller> admitted = services->gate.admit(request);
                    if (auto* refusal = std::get_if<rpc::HttpResponse>(&admitted))
                      return respond(*refusal);
                    const HttpCaller& caller = std::get<HttpCaller>(admitted);
                    if (auto refusal = turnScopeRefusal(request, caller)) {
                      return respond(std::move(*refusal));
                    }
                    boost::asio::co_spawn(services->runtime.io,
                                          serveSafely(services, request, std::move(respond)),
                                          boost::asio::detached);
                  });
  router.limitBody(kPath, kBodyLimit);
}

}  // namespace openclaw::httpapi
