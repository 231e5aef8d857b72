#include "methods/session_list.h"

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"
#include "methods/session_rows.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

constexpr std::int64_t kDefaultLimit = 500;
constexpr std::int64_t kMaxLimit = 1000;
constexpr std::int64_t kMaxActiveMinutes = 10LL * 366 * 24 * 60;  // ten years

// Whether the params ask for sessions of a kind this gateway never has.
bool matchesNothing(const nlohmann::json& params) {
  return params.contains("spawnedBy") || params.value("archived", nlohmann::json(false)) == true ||
         params.value("boardFace", "chat") != "chat";
}

sessions::ListFilter listFilter(const nlohmann::json& params, std::int64_t limit) {
  sessions::ListFilter filter;
  if (params.contains("agentId")) filter.agentId = sessions::normalizeAgentId(params.at("agentId"));
  if (params.contains("label")) filter.label = params.at("label").get<std::string>();
  if (params.contains("search")) {
    const std::string search = core::trimmed(params.at("search").get<std::string>());
    if (!search.empty()) filter.search = search;
  }
  if (params.contains("activeMinutes")) {
    const std::int64_t minutes =
        std::min(params.at("activeMinutes").get<std::int64_t>(), kMaxActiveMinutes);
    filter.updatedSince = core::nowMs() - minutes * 60'000;
  }
  filter.limit = static_cast<std::size_t>(limit + 1);  // one more tells whether there are more
  filter.offset = static_cast<std::size_t>(params.value("offset", std::int64_t{0}));
  return filter;
}

}  // namespace

boost::asio::awaitable<nlohmann::json> listSessions(AgentServices& services,
                                                    nlohmann::json params) {
  const std::int64_t limit = std::min(params.value("limit", kDefaultLimit), kMaxLimit);
  const sessions::ListFilter filter = listFilter(params, limit);
  const RowExtras extras{params.value("includeDerivedTitles", false),
                         params.value("includeLastMessage", false)};
  nlohmann::json rows = nlohmann::json::array();
  if (!matchesNothing(params)) {
    sessions::SessionStore& store = services.store;
    rows = co_await rpc::onStorage(services.runtime, [&store, &filter, &extras] {
      nlohmann::json found = nlohmann::json::array();
      for (const auto& record : store.list(filter))
        found.push_back(sessionRow(store, record, extras));
      return found;
    });
  }
  const bool hasMore = rows.size() > static_cast<std::size_t>(limit);
  if (hasMore) rows.erase(rows.end() - 1);
  for (nlohmann::json& row : rows) addRunState(row, services.runs);
  nlohmann::json answer = {{"ts", core::nowMs()},
                           {"path", services.runtime.settings.paths.databasePath.string()},
                           {"count", rows.size()},
                           {"defaults", sessionDefaults(services.runtime.settings)},
                           {"hasMore", hasMore}};
  if (hasMore) answer["nextOffset"] = filter.offset + rows.size();
  answer["sessions"] = std::move(rows);
  co_return answer;
}

}  // namespace openclaw::methods
