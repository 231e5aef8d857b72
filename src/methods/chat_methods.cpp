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

void handleSend(AgentServices& services, const rpc::MethodCall& call,
                const rpc::Responder& respond) {
  const nlohmann::json& params = call.params;
  runs::RunRequest request;
  request.target.agentId = agentIdParam(params, "sessionKey");
  auto key = sessionKeyParam(params, "sessionKey", request.target.agentId);
  if (!key) return respond.fail(key.error());
  if (auto delivery = deliverySupported(params); !delivery) return respond.fail(delivery.error());
  request.message = params.at("message");
  if (blank(request.message)) {
    respond.fail(GatewayError::invalidRequest("message must not be empty"));
    return;
  }
  request.target.sessionKey = std::move(key).value();
  // As upstream, the idempotency key is the run id WebChat matches chat events with.
  request.runId = params.at("idempotencyKey");
  if (params.contains("timeoutMs")) {
    request.timeout = core::clampedDuration(params.at("timeoutMs"), std::chrono::milliseconds(1));
  }
  services.runs.submit(
      std::move(request),
      [respond](const protocol::Result<runs::AcceptedRun>& accepted) {
        if (!accepted) return respond.fail(accepted.error());
        respond.ok({{"runId", accepted->runId}, {"status", "started"}});
      },
      nullptr);  // the outcome reaches WebChat as chat events
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

void handleHistory(AgentServices& services, const rpc::MethodCall& call,
                   const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "sessionKey");
  if (!key) return respond.fail(key.error());
  const auto limit = static_cast<std::size_t>(call.params.value("limit", kDefaultHistoryLimit));
  answerFrom(services.runtime, respond, history(services, *key, limit));
}

void handleAbort(AgentServices& services, const rpc::MethodCall& call,
                 const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "sessionKey");
  if (!key) return respond.fail(key.error());
  std::optional<std::string> runId;
  if (call.params.contains("runId")) runId = call.params.at("runId").get<std::string>();
  const std::vector<std::string> aborted = services.runs.abort(*key, runId);
  respond.ok({{"ok", true}, {"aborted", !aborted.empty()}, {"runIds", aborted}});
}

}  // namespace

void registerChatMethods(rpc::MethodRegistry& registry, AgentServices& services) {
  registry.add({.name = "chat.send",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "ChatSendParams",
                .sideEffects = true,
                .handler = withServices(services, handleSend)});
  registry.add({.name = "chat.history",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "ChatHistoryParams",
                .handler = withServices(services, handleHistory)});
  registry.add({.name = "chat.abort",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "ChatAbortParams",
                .handler = withServices(services, handleAbort)});
  registry.addEvent("chat");
}

}  // namespace openclaw::methods
