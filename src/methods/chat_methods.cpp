#include "methods/chat_methods.h"

#include "core/durations.h"
#include "methods/agent_method_support.h"
#include "methods/chat_view.h"
#include "methods/session_rows.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"
#include "sessions/transcript_message.h"

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

ChatViewRequest viewRequest(const nlohmann::json& params, std::string key) {
  ChatViewRequest request;
  request.agentId = agentIdParam(params, "sessionKey");
  request.sessionKey = std::move(key);
  request.limit = static_cast<std::size_t>(params.value("limit", kDefaultHistoryLimit));
  if (params.contains("maxBytes")) request.maxBytes = params.at("maxBytes").get<std::size_t>();
  for (const auto& runId : params.value("inputRunIds", nlohmann::json::array())) {
    request.inputRunIds.insert(runId.get<std::string>());
  }
  return request;
}

void handleHistory(AgentServices& services, const rpc::MethodCall& call,
                   const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "sessionKey");
  if (!key) return respond.fail(key.error());
  answerFrom(services.runtime, respond, chatView(services, viewRequest(call.params, *key)));
}

// chat.history plus the chat's metadata: what the Control UI loads when it opens a chat.
void handleStartup(AgentServices& services, const rpc::MethodCall& call,
                   const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "sessionKey");
  if (!key) return respond.fail(key.error());
  ChatViewRequest request = viewRequest(call.params, *key);
  request.withMetadata = true;
  answerFrom(services.runtime, respond, chatView(services, std::move(request)));
}

boost::asio::awaitable<nlohmann::json> metadata(AgentServices& services,
                                                std::optional<std::string> key) {
  std::optional<std::string> sessionModel;
  if (key) {
    sessions::SessionStore& store = services.store;
    sessionModel = co_await rpc::onStorage(services.runtime, [&store, &key] {
      auto record = store.find(*key);
      return record ? record->model : std::nullopt;
    });
  }
  co_return chatMetadata(services.runtime.settings, sessionModel);
}

void handleMetadata(AgentServices& services, const rpc::MethodCall& call,
                    const rpc::Responder& respond) {
  std::optional<std::string> key;
  if (call.params.contains("sessionKey")) {
    auto canonical = sessionKeyParam(call.params, "sessionKey");
    if (!canonical) return respond.fail(canonical.error());
    key = std::move(canonical).value();
  }
  answerFrom(services.runtime, respond, metadata(services, std::move(key)));
}

boost::asio::awaitable<nlohmann::json> messageGet(AgentServices& services, std::string key,
                                                  std::string id,
                                                  std::optional<std::size_t> maxChars) {
  sessions::SessionStore& store = services.store;
  co_return co_await rpc::onStorage(services.runtime, [&store, &key, &id, maxChars] {
    const nlohmann::json notFound = {{"ok", false}, {"unavailableReason", "not_found"}};
    auto record = store.find(key);
    if (!record) return notFound;
    auto seq = seqOfMessageId(record->sessionId, id);
    auto entry = seq ? store.entry(record->sessionId, *seq) : std::nullopt;
    if (!entry) return notFound;
    if (maxChars && sessions::entryText(entry->message).size() > *maxChars) {
      return nlohmann::json{{"ok", false}, {"unavailableReason", "oversized"}};
    }
    return nlohmann::json{{"ok", true}, {"message", messageWithMeta(*entry, record->sessionId)}};
  });
}

void handleMessageGet(AgentServices& services, const rpc::MethodCall& call,
                      const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "sessionKey");
  if (!key) return respond.fail(key.error());
  std::optional<std::size_t> maxChars;
  if (call.params.contains("maxChars")) maxChars = call.params.at("maxChars").get<std::size_t>();
  answerFrom(services.runtime, respond,
             messageGet(services, *key, call.params.at("messageId"), maxChars));
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
  registry.add({.name = "chat.startup",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "ChatStartupParams",
                .handler = withServices(services, handleStartup)});
  registry.add({.name = "chat.metadata",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "ChatMetadataParams",
                .handler = withServices(services, handleMetadata)});
  registry.add({.name = "chat.message.get",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "ChatMessageGetParams",
                .handler = withServices(services, handleMessageGet)});
  registry.add({.name = "chat.abort",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "ChatAbortParams",
                .handler = withServices(services, handleAbort)});
  registry.addEvent("chat");
}

}  // namespace openclaw::methods
