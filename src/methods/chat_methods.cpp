#include "methods/chat_methods.h"

#include "core/durations.h"
#include "methods/agent_method_support.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::methods {
namespace {

using protocol::GatewayError;

constexpr std::int64_t kDefaultHistoryLimit = 200;

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

void handleSend(AgentServices& services, const gateway::MethodCall& call,
                const gateway::Responder& respond) {
  const nlohmann::json& params = call.params;
  std::optional<GatewayError> error;
  runs::RunRequest request;
  request.target.agentId = agentIdParam(params, "sessionKey");
  auto key = sessionKeyParam(params, "sessionKey", request.target.agentId, error);
  if (!key || !deliverySupported(params, error)) {
    respond.fail(*error);
    return;
  }
  request.message = params.at("message");
  if (blank(request.message)) {
    respond.fail(GatewayError::invalidRequest("message must not be empty"));
    return;
  }
  request.target.sessionKey = *key;
  // As upstream, the idempotency key is the run id WebChat matches chat events with.
  request.runId = params.at("idempotencyKey");
  if (params.contains("timeoutMs")) {
    request.timeout = core::clampedDuration(params.at("timeoutMs"), std::chrono::milliseconds(1));
  }
  services.runs.submit(
      std::move(request),
      [respond](const runs::AcceptedRun& accepted) {
        respond.ok({{"runId", accepted.runId}, {"status", "started"}});
      },
      [respond](const GatewayError& rejected) { respond.fail(rejected); },
      nullptr);  // the outcome reaches WebChat as chat events
}

// params.sessionKey as a canonical key; answers INVALID_REQUEST and returns nullopt when it is
// malformed.
std::optional<std::string> requiredSessionKey(const gateway::MethodCall& call,
                                              const gateway::Responder& respond) {
  std::optional<GatewayError> error;
  auto key =
      sessionKeyParam(call.params, "sessionKey", agentIdParam(call.params, "sessionKey"), error);
  if (!key) respond.fail(*error);
  return key;
}

boost::asio::awaitable<nlohmann::json> history(AgentServices& services, std::string key,
                                               std::size_t limit) {
  sessions::SessionStore& store = services.store;
  co_return co_await rpc::onStorage(services.runtime, [&store, &key, limit] {
    nlohmann::json answer = {{"sessionKey", key}, {"messages", nlohmann::json::array()}};
    auto session = store.find(key);
    if (!session) return answer;
    answer["sessionId"] = session->sessionId;
    for (const auto& entry : store.transcript(session->sessionId, limit)) {
      answer["messages"].push_back(entry.message);
    }
    return answer;
  });
}

void handleHistory(AgentServices& services, const gateway::MethodCall& call,
                   const gateway::Responder& respond) {
  const auto key = requiredSessionKey(call, respond);
  if (!key) return;
  const auto limit = static_cast<std::size_t>(call.params.value("limit", kDefaultHistoryLimit));
  answerFrom(services.runtime, respond, history(services, *key, limit));
}

void handleAbort(AgentServices& services, const gateway::MethodCall& call,
                 const gateway::Responder& respond) {
  const auto key = requiredSessionKey(call, respond);
  if (!key) return;
  std::optional<std::string> runId;
  if (call.params.contains("runId")) runId = call.params.at("runId").get<std::string>();
  const std::vector<std::string> aborted = services.runs.abort(*key, runId);
  respond.ok({{"ok", true}, {"aborted", !aborted.empty()}, {"runIds", aborted}});
}

}  // namespace

void registerChatMethods(gateway::MethodRegistry& registry, AgentServices& services) {
  registry.add({"chat.send", protocol::scopes::kWrite, "ChatSendParams", true,
                withServices(services, handleSend)});
  registry.add({"chat.history", protocol::scopes::kRead, "ChatHistoryParams", false,
                withServices(services, handleHistory)});
  registry.add({"chat.abort", protocol::scopes::kWrite, "ChatAbortParams", false,
                withServices(services, handleAbort)});
  registry.addEvent("chat");
}

}  // namespace openclaw::methods
