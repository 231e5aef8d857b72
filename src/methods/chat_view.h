#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "core/awaitable.h"
#include "methods/agent_services.h"

namespace openclaw::methods {

// What a chat view loads: the newest `limit` transcript messages (each with upstream's
// `__openclaw` {id, seq}), without the oldest ones beyond `maxBytes` of JSON, and the session's
// state: {sessionKey, sessionId?, messages, defaults, sessionInfo, thinkingLevel}. chat.startup
// adds `metadata` (chatMetadata).
struct ChatViewRequest {
  std::string sessionKey;
  std::string agentId;
  std::size_t limit = 200;
  std::optional<std::size_t> maxBytes;
  // Sends the client waits on (chat.history's inputRunIds): answered as inputReceipts.
  std::set<std::string> inputRunIds;
  bool withMetadata = false;
};
boost::asio::awaitable<nlohmann::json> chatView(AgentServices& services, ChatViewRequest request);

// chat.metadata: {models}, the models a chat can use: the configured one and the session's own
// choice (sessions.patch). Models no configuration names are not listed.
nlohmann::json chatMetadata(const config::GatewaySettings& settings,
                            const std::optional<std::string>& sessionModel);

}  // namespace openclaw::methods
