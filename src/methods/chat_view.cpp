#include "methods/chat_view.h"

#include <map>

#include "core/json_fields.h"
#include "methods/session_rows.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

// An upstream ModelChoice for "provider/model".
nlohmann::json modelChoice(const std::string& ref) {
  const std::size_t slash = ref.find('/');
  const std::string model = ref.substr(slash + 1);
  return {{"id", model}, {"name", model}, {"provider", ref.substr(0, slash)}};
}

struct StoredView {
  std::optional<sessions::SessionRecord> record;
  nlohmann::json row;
  nlohmann::json messages = nlohmann::json::array();
  std::map<std::string, std::string> consumed;  // input run id -> the message that holds it
};

// Upstream's receipts for the sends a client is waiting on: each run whose user message is in
// the transcript is "consumed" by that message (a send is written before it is acknowledged, so
// there are no pending ones here).
void addInputReceipts(nlohmann::json& answer, const std::map<std::string, std::string>& consumed) {
  nlohmann::json receipts = nlohmann::json::array();
  nlohmann::json consumptions = nlohmann::json::array();
  for (const auto& [runId, messageId] : consumed) {
    receipts.push_back({{"runId", runId}, {"state", "consumed"}, {"consumedByEventId", messageId}});
    consumptions.push_back({{"runId", runId}, {"consumedByEventId", messageId}});
  }
  answer["inputReceipts"] = std::move(receipts);
  answer["inputConsumptions"] = std::move(consumptions);
}

// Drops the oldest messages until the rest fit in `maxBytes` of JSON.
void keepNewestWithin(nlohmann::json& messages, std::size_t maxBytes) {
  std::size_t total = 0;
  std::size_t keep = 0;  // how many of the newest fit
  for (auto it = messages.rbegin(); it != messages.rend(); ++it, ++keep) {
    total += core::compactJson(*it).size() + 1;
    if (total > maxBytes) break;
  }
  messages.erase(messages.begin(),
                 messages.begin() + static_cast<std::ptrdiff_t>(messages.size() - keep));
}

}  // namespace

nlohmann::json chatMetadata(const config::GatewaySettings& settings,
                            const std::optional<std::string>& sessionModel) {
  nlohmann::json models = nlohmann::json::array();
  if (settings.models.primary) models.push_back(modelChoice(settings.models.primary->ref));
  if (sessionModel && (!settings.models.primary || *sessionModel != settings.models.primary->ref)) {
    models.push_back(modelChoice(*sessionModel));
  }
  return {{"models", std::move(models)}};
}

boost::asio::awaitable<nlohmann::json> chatView(AgentServices& services, ChatViewRequest request) {
  sessions::SessionStore& store = services.store;
  StoredView stored = co_await rpc::onStorage(services.runtime, [&store, &request] {
    StoredView view;
    view.record = store.find(request.sessionKey);
    if (!view.record) return view;
    view.row = sessionRow(store, *view.record);
    for (const auto& entry : store.transcript(view.record->sessionId, request.limit)) {
      view.messages.push_back(messageWithMeta(entry, view.record->sessionId));
      if (request.inputRunIds.contains(entry.runId) && entry.message.value("role", "") == "user") {
        view.consumed.emplace(entry.runId, messageId(view.record->sessionId, entry.seq));
      }
    }
    return view;
  });
  if (request.maxBytes) keepNewestWithin(stored.messages, *request.maxBytes);
  nlohmann::json sessionInfo =
      stored.record
          ? std::move(stored.row)
          : nlohmann::json{
                {"key", request.sessionKey},
                {"kind", "direct"},
                {"agentId", request.agentId},
                {"isMain", request.sessionKey == sessions::mainSessionKey(request.agentId)}};
  addRunState(sessionInfo, services.runs);
  sessionInfo["hasActiveRun"] = sessionInfo.contains("status");
  const nlohmann::json thinkingLevel = sessionInfo.value("thinkingLevel", nlohmann::json());
  nlohmann::json answer = {{"sessionKey", request.sessionKey},
                           {"messages", std::move(stored.messages)},
                           {"defaults", sessionDefaults(services.runtime.settings)},
                           {"thinkingLevel", thinkingLevel},
                           {"sessionInfo", std::move(sessionInfo)}};
  if (stored.record) answer["sessionId"] = stored.record->sessionId;
  if (!request.inputRunIds.empty()) addInputReceipts(answer, stored.consumed);
  if (request.withMetadata) {
    answer["metadata"] = chatMetadata(services.runtime.settings,
                                      stored.record ? stored.record->model : std::nullopt);
  }
  co_return answer;
}

}  // namespace openclaw::methods
