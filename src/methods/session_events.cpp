#include "methods/session_events.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/clock.h"
#include "core/logging.h"
#include "methods/session_rows.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

std::string agentIdOf(const std::string& sessionKey) {
  return sessions::agentIdOfSessionKey(sessionKey).value_or(sessions::kDefaultAgentId);
}

}  // namespace

protocol::Result<void> SessionEvents::subscribeMessages(const std::string& connId,
                                                        const std::string& key) {
  std::set<std::string>& keys = messageKeys_[connId];
  if (!keys.count(key) && keys.size() >= kMaxMessageKeysPerConnection) {
    return protocol::GatewayError::invalidRequest(
        "this connection already follows " + std::to_string(kMaxMessageKeysPerConnection) +
        " sessions: call sessions.messages.unsubscribe first");
  }
  keys.insert(key);
  return {};
}

void SessionEvents::unsubscribeMessages(const std::string& connId, const std::string& key) {
  auto found = messageKeys_.find(connId);
  if (found == messageKeys_.end()) return;
  found->second.erase(key);
  if (found->second.empty()) messageKeys_.erase(found);
}

void SessionEvents::onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) {
  listSubscribers_.erase(connection->connId());
  messageKeys_.erase(connection->connId());
}

void SessionEvents::sendToListSubscribers(const nlohmann::json& payload) {
  // A copy: a send may drop a connection, which ends its subscriptions.
  const std::set<std::string> subscribers = listSubscribers_;
  for (const std::string& connId : subscribers) {
    services_.runtime.events.sendTo(connId, "sessions.changed", payload);
  }
}

void SessionEvents::sessionChanged(const std::string& sessionKey, runs::SessionChange change) {
  if (listSubscribers_.empty()) return;
  if (change == runs::SessionChange::Deleted) {
    sendToListSubscribers({{"sessionKey", sessionKey},
                           {"agentId", agentIdOf(sessionKey)},
                           {"reason", runs::sessionChangeReason(change)},
                           {"ts", core::nowMs()}});
    return;
  }
  boost::asio::co_spawn(services_.runtime.io, publishChange(sessionKey, change),
                        boost::asio::detached);
}

boost::asio::awaitable<void> SessionEvents::publishChange(std::string sessionKey,
                                                          runs::SessionChange change) {
  sessions::SessionStore& store = services_.store;
  std::optional<nlohmann::json> row;
  try {
    row = co_await rpc::onStorage(services_.runtime, [&store, &sessionKey] {
      auto record = store.find(sessionKey);
      return record ? std::optional(sessionRow(store, *record)) : std::nullopt;
    });
  } catch (const std::exception& error) {
    core::logger("gateway")->warn("sessions.changed for {} skipped: {}", sessionKey, error.what());
    co_return;
  }
  if (!row) co_return;  // deleted meanwhile: its delete event follows
  addRunState(*row, services_.runs);
  nlohmann::json payload = {{"sessionKey", sessionKey},
                            {"agentId", row->at("agentId")},
                            {"reason", runs::sessionChangeReason(change)},
                            {"ts", core::nowMs()},
                            {"sessionId", row->at("sessionId")},
                            {"updatedAt", row->at("updatedAt")},
                            {"kind", row->at("kind")}};
  if (change == runs::SessionChange::RunStarted) payload["phase"] = "start";
  if (change == runs::SessionChange::RunEnded) payload["phase"] = "end";
  payload["hasActiveRun"] = row->contains("status");
  if (row->contains("status")) payload["status"] = row->at("status");
  payload["session"] = std::move(*row);
  sendToListSubscribers(payload);
}

void SessionEvents::messageAppended(const std::string& sessionKey, const std::string& sessionId,
                                    const sessions::TranscriptEntry& entry) {
  std::vector<std::string> receivers;  // collected first: a send may drop a connection
  for (const auto& [connId, keys] : messageKeys_) {
    if (keys.count(sessionKey)) receivers.push_back(connId);
  }
  if (receivers.empty()) return;
  nlohmann::json payload = {{"sessionKey", sessionKey},
                            {"agentId", agentIdOf(sessionKey)},
                            {"sessionId", sessionId},
                            {"message", messageWithMeta(entry, sessionId)},
                            {"messageId", messageId(sessionId, entry.seq)},
                            {"messageSeq", entry.seq}};
  if (!entry.runId.empty()) payload["runId"] = entry.runId;
  payload["hasActiveRun"] = services_.runs.activeRun(sessionKey).has_value();
  for (const std::string& connId : receivers) {
    services_.runtime.events.sendTo(connId, "session.message", payload);
  }
}

}  // namespace openclaw::methods
