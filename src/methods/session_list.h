#pragma once

#include <nlohmann/json.hpp>

#include "core/awaitable.h"
#include "methods/agent_services.h"

namespace openclaw::methods {

// The sessions.list answer for upstream's SessionsListParams (already validated): {ts, path,
// count, defaults, sessions, hasMore, nextOffset?}. Filters on agentId, label, search (key or
// label), activeMinutes; pages with limit (at most 1000) and offset; includeDerivedTitles and
// includeLastMessage add those row fields. Filters for things no session here has (spawnedBy,
// archived: true, boardFace "dashboard") match nothing; includeGlobal, includeUnknown,
// configuredAgentsOnly, ownerFirst, involvingMe and includePeople change nothing (there are no
// global, unknown, foreign-agent or other people's sessions).
boost::asio::awaitable<nlohmann::json> listSessions(AgentServices& services, nlohmann::json params);

}  // namespace openclaw::methods
