#include "methods/sessions_methods.h"

#include "core/clock.h"
#include "methods/agent_method_support.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::methods {
namespace {

constexpr std::int64_t kDefaultListLimit = 500;

// An upstream SessionRow for a stored session (the fields we track).
nlohmann::json sessionRow(const sessions::SessionRecord& record) {
  nlohmann::json row = {{"key", record.key},
                        {"kind", "direct"},
                        {"sessionId", record.sessionId},
                        {"agentId", record.agentId},
                        {"isMain", record.key == sessions::mainSessionKey(record.agentId)},
                        {"createdAt", record.createdAt},
                        {"updatedAt", record.updatedAt}};
  if (record.label) row["label"] = *record.label;
  if (record.lastChannel) row["channel"] = *record.lastChannel;
  if (record.lastRunId) row["lastRunId"] = *record.lastRunId;
  return row;
}

boost::asio::awaitable<nlohmann::json> listSessions(AgentServices& services, std::size_t limit) {
  sessions::SessionStore& store = services.store;
  nlohmann::json rows = co_await rpc::onStorage(services.runtime, [&store, limit] {
    nlohmann::json found = nlohmann::json::array();
    for (const auto& record : store.list(limit)) found.push_back(sessionRow(record));
    return found;
  });
  for (nlohmann::json& row : rows) {
    if (services.runs.activeRun(row.at("key"))) row["status"] = "running";
  }
  co_return nlohmann::json{
      {"ts", core::nowMs()},
      {"path", services.runtime.settings.paths.databasePath.string()},
      {"count", rows.size()},
      {"defaults", {{"modelProvider", nullptr}, {"model", nullptr}, {"contextTokens", nullptr}}},
      {"sessions", std::move(rows)}};
}

void handleList(AgentServices& services, const rpc::MethodCall& call,
                const rpc::Responder& respond) {
  const auto limit = static_cast<std::size_t>(call.params.value("limit", kDefaultListLimit));
  answerFrom(services.runtime, respond, listSessions(services, limit));
}

boost::asio::awaitable<nlohmann::json> resetSession(AgentServices& services, std::string key,
                                                    std::string agentId) {
  sessions::SessionStore& store = services.store;
  co_return co_await rpc::onStorage(services.runtime, [&store, &key, &agentId] {
    return nlohmann::json{{"ok", true},
                          {"key", key},
                          {"entry", sessionRow(store.reset(key, agentId, core::nowMs()))}};
  });
}

void handleReset(AgentServices& services, const rpc::MethodCall& call,
                 const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  services.runs.abortAll(*key, "session reset");
  answerFrom(services.runtime, respond,
             resetSession(services, *key, agentIdParam(call.params, "key")));
}

boost::asio::awaitable<nlohmann::json> deleteSession(AgentServices& services, std::string key) {
  sessions::SessionStore& store = services.store;
  co_return co_await rpc::onStorage(services.runtime, [&store, &key] {
    return nlohmann::json{{"ok", true},
                          {"key", key},
                          {"deleted", store.remove(key)},
                          {"archived", nlohmann::json::array()}};
  });
}

void handleDelete(AgentServices& services, const rpc::MethodCall& call,
                  const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  services.runs.abortAll(*key, "session deleted");
  answerFrom(services.runtime, respond, deleteSession(services, *key));
}

}  // namespace

void registerSessionsMethods(rpc::MethodRegistry& registry, AgentServices& services) {
  registry.add({.name = "sessions.list",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsListParams",
                .handler = withServices(services, handleList)});
  registry.add({.name = "sessions.reset",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "SessionsResetParams",
                .handler = withServices(services, handleReset)});
  registry.add({.name = "sessions.delete",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "SessionsDeleteParams",
                .handler = withServices(services, handleDelete)});
}

}  // namespace openclaw::methods
