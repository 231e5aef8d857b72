#include "methods/sessions_methods.h"

#include <algorithm>
#include <set>

#include "core/clock.h"
#include "methods/agent_method_support.h"
#include "methods/session_list.h"
#include "methods/session_rows.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

using protocol::GatewayError;
using protocol::Result;

// sessions.preview bounds: keys answered, items per key (upstream's default 12), text per item
// (upstream's default 240 and cap 800), and how many newest entries are searched for items.
constexpr std::size_t kMaxPreviewKeys = 64;
constexpr std::int64_t kDefaultPreviewItems = 12;
constexpr std::int64_t kMaxPreviewItems = 100;
constexpr std::int64_t kDefaultPreviewChars = 240;
constexpr std::int64_t kMaxPreviewChars = 800;
constexpr std::size_t kPreviewEntriesPerItem = 4;

// The sessions.patch fields this gateway applies; the others of upstream's params are refused.
const std::set<std::string> kPatchFields = {"key",   "agentId", "expectedSessionId",
                                            "label", "model",   "thinkingLevel"};
// The only thinking level agent runs here have (they send no reasoning settings to the model).
constexpr const char* kThinkingOff = "off";

void handleList(SessionEvents& events, const rpc::MethodCall& call, const rpc::Responder& respond) {
  AgentServices& services = events.services();
  answerFrom(services.runtime, respond, listSessions(services, std::move(call.params)));
}

boost::asio::awaitable<nlohmann::json> describeSession(AgentServices& services, std::string key,
                                                       RowExtras extras) {
  sessions::SessionStore& store = services.store;
  nlohmann::json row = co_await rpc::onStorage(services.runtime, [&store, &key, &extras] {
    auto record = store.find(key);
    return record ? sessionRow(store, *record, extras) : nlohmann::json(nullptr);
  });
  if (!row.is_null()) addRunState(row, services.runs);
  co_return nlohmann::json{{"session", std::move(row)}};
}

void handleDescribe(SessionEvents& events, const rpc::MethodCall& call,
                    const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  const RowExtras extras{call.params.value("includeDerivedTitles", false),
                         call.params.value("includeLastMessage", false)};
  answerFrom(events.services().runtime, respond, describeSession(events.services(), *key, extras));
}

// One sessions.preview entry: {key, status: ok|empty|missing, items: [{role, text}]}.
nlohmann::json previewOf(sessions::SessionStore& store, const std::string& requested,
                         const std::string& key, std::size_t limit, std::size_t maxChars) {
  nlohmann::json preview = {
      {"key", requested}, {"status", "missing"}, {"items", nlohmann::json::array()}};
  auto record = store.find(key);
  if (!record) return preview;
  const auto entries = store.transcript(record->sessionId, limit * kPreviewEntriesPerItem);
  std::vector<nlohmann::json> items;
  for (auto it = entries.rbegin(); it != entries.rend() && items.size() < limit; ++it) {
    if (auto item = previewItem(it->message, maxChars)) items.push_back(std::move(*item));
  }
  std::reverse(items.begin(), items.end());
  preview["items"] = items;
  preview["status"] = items.empty() ? "empty" : "ok";
  return preview;
}

void handlePreview(SessionEvents& events, const rpc::MethodCall& call,
                   const rpc::Responder& respond) {
  std::vector<std::pair<std::string, std::string>> keys;  // as requested, canonical
  for (const auto& raw : call.params.at("keys")) {
    if (keys.size() == kMaxPreviewKeys) break;
    const nlohmann::json one = {{"key", raw}};
    auto key = sessionKeyParam(one, "key");
    if (!key) return respond.fail(key.error());
    keys.emplace_back(raw.get<std::string>(), std::move(key).value());
  }
  const auto limit = static_cast<std::size_t>(
      std::min(call.params.value("limit", kDefaultPreviewItems), kMaxPreviewItems));
  const auto maxChars = static_cast<std::size_t>(
      std::min(call.params.value("maxChars", kDefaultPreviewChars), kMaxPreviewChars));
  AgentServices& services = events.services();
  sessions::SessionStore& store = services.store;
  answerFrom(services.runtime, respond,
             rpc::onStorage(services.runtime, [&store, keys, limit, maxChars] {
               nlohmann::json previews = nlohmann::json::array();
               for (const auto& [requested, key] : keys) {
                 previews.push_back(previewOf(store, requested, key, limit, maxChars));
               }
               return nlohmann::json{{"ts", core::nowMs()}, {"previews", std::move(previews)}};
             }));
}

// The patch sessions.patch's params describe, or why it cannot be applied.
Result<sessions::SessionPatch> patchOf(const nlohmann::json& params,
                                       const config::GatewaySettings& settings) {
  for (const auto& [field, value] : params.items()) {
    if (!kPatchFields.count(field)) {
      return GatewayError::invalidRequest("sessions.patch: " + field +
                                          " is not supported by this gateway (it can patch label, "
                                          "model and thinkingLevel)");
    }
  }
  sessions::SessionPatch patch;
  const auto optionalText = [&params](const char* field) {
    const nlohmann::json& value = params.at(field);
    return value.is_null() ? std::nullopt : std::optional<std::string>(value.get<std::string>());
  };
  if (params.contains("label")) patch.label = optionalText("label");
  if (params.contains("thinkingLevel")) {
    patch.thinkingLevel = optionalText("thinkingLevel");
    if (*patch.thinkingLevel && **patch.thinkingLevel != kThinkingOff) {
      return GatewayError::invalidRequest(
          "sessions.patch: thinkingLevel \"" + **patch.thinkingLevel +
          "\" is not available: agent runs on this gateway do not use model reasoning "
          "(only \"off\" or null)");
    }
  }
  if (params.contains("model")) {
    patch.model = optionalText("model");
    if (*patch.model) {
      std::string error;
      auto selection = config::sessionModelSelection(settings.models, **patch.model, error);
      if (!selection) return GatewayError::invalidRequest("sessions.patch: " + error);
      patch.model = selection->ref;
    }
  }
  return patch;
}

boost::asio::awaitable<Result<nlohmann::json>> patchSession(
    SessionEvents& events, std::string key, std::string agentId, sessions::SessionPatch patch,
    std::optional<std::string> expectedSessionId) {
  AgentServices& services = events.services();
  sessions::SessionStore& store = services.store;
  Result<nlohmann::json> answer = co_await rpc::onStorage(
      services.runtime,
      [&store, &key, &agentId, &patch, &expectedSessionId]() -> Result<nlohmann::json> {
        if (expectedSessionId) {
          auto current = store.find(key);
          if (!current || current->sessionId != *expectedSessionId) {
            return GatewayError::invalidRequest("sessions.patch: session " + key +
                                                " is no longer " + *expectedSessionId);
          }
        }
        return sessionRow(store, store.patch(key, agentId, patch, core::nowMs()));
      });
  if (!answer) co_return answer;
  nlohmann::json row = std::move(answer).value();
  addRunState(row, services.runs);
  events.sessionChanged(key, runs::SessionChange::Patched);
  nlohmann::json result = {{"ok", true}, {"key", key}, {"entry", row}};
  const auto& primary = services.runtime.settings.models.primary;
  if (row.contains("model")) {
    result["resolved"] = {{"modelProvider", row.at("modelProvider")}, {"model", row.at("model")}};
  } else if (primary) {
    result["resolved"] = {{"modelProvider", primary->provider.id}, {"model", primary->model}};
  }
  co_return result;
}

void handlePatch(SessionEvents& events, const rpc::MethodCall& call,
                 const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  auto patch = patchOf(call.params, events.services().runtime.settings);
  if (!patch) return respond.fail(patch.error());
  std::optional<std::string> expectedSessionId;
  if (call.params.contains("expectedSessionId")) {
    expectedSessionId = call.params.at("expectedSessionId").get<std::string>();
  }
  answerFrom(events.services().runtime, respond,
             patchSession(events, *key, agentIdParam(call.params, "key"), std::move(*patch),
                          std::move(expectedSessionId)));
}

boost::asio::awaitable<nlohmann::json> resetSession(SessionEvents& events, std::string key,
                                                    std::string agentId) {
  sessions::SessionStore& store = events.services().store;
  nlohmann::json row = co_await rpc::onStorage(events.services().runtime, [&store, &key, &agentId] {
    return sessionRow(store, store.reset(key, agentId, core::nowMs()));
  });
  events.sessionChanged(key, runs::SessionChange::Reset);
  co_return nlohmann::json{{"ok", true}, {"key", key}, {"entry", std::move(row)}};
}

void handleReset(SessionEvents& events, const rpc::MethodCall& call,
                 const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  events.services().runs.abortAll(*key, "session reset");
  answerFrom(events.services().runtime, respond,
             resetSession(events, *key, agentIdParam(call.params, "key")));
}

boost::asio::awaitable<nlohmann::json> deleteSession(SessionEvents& events, std::string key) {
  sessions::SessionStore& store = events.services().store;
  const bool deleted = co_await rpc::onStorage(events.services().runtime,
                                               [&store, &key] { return store.remove(key); });
  if (deleted) events.sessionChanged(key, runs::SessionChange::Deleted);
  co_return nlohmann::json{
      {"ok", true}, {"key", key}, {"deleted", deleted}, {"archived", nlohmann::json::array()}};
}

void handleDelete(SessionEvents& events, const rpc::MethodCall& call,
                  const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  events.services().runs.abortAll(*key, "session deleted");
  answerFrom(events.services().runtime, respond, deleteSession(events, *key));
}

}  // namespace

void registerSessionsMethods(rpc::MethodRegistry& registry, SessionEvents& events) {
  registry.add({.name = "sessions.list",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsListParams",
                .handler = withServices(events, handleList)});
  registry.add({.name = "sessions.describe",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsDescribeParams",
                .handler = withServices(events, handleDescribe)});
  registry.add({.name = "sessions.preview",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsPreviewParams",
                .handler = withServices(events, handlePreview)});
  registry.add({.name = "sessions.patch",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "SessionsPatchParams",
                .handler = withServices(events, handlePatch)});
  registry.add({.name = "sessions.reset",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "SessionsResetParams",
                .handler = withServices(events, handleReset)});
  registry.add({.name = "sessions.delete",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "SessionsDeleteParams",
                .handler = withServices(events, handleDelete)});
}

}  // namespace openclaw::methods
