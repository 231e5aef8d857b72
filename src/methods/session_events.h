#pragma once

#include <map>
#include <set>
#include <string>

#include "methods/agent_services.h"
#include "protocol/result.h"
#include "rpc/session_listener.h"
#include "runs/session_observer.h"

namespace openclaw::methods {

// Connection-scoped subscriptions to session events, and the events themselves:
// `sessions.changed` to connections that called sessions.subscribe (a session was created,
// updated, patched, reset or deleted, or a run of it started or ended) and `session.message` to
// those that called sessions.messages.subscribe for the session's key (each transcript message
// appended). Subscriptions end with their connection. Event-loop thread only.
class SessionEvents : public rpc::SessionListener, public runs::SessionObserver {
 public:
  // How many session keys one connection may follow with sessions.messages.subscribe.
  static constexpr std::size_t kMaxMessageKeysPerConnection = 64;

  explicit SessionEvents(AgentServices& services) : services_(services) {}
  AgentServices& services() { return services_; }

  void subscribeList(const std::string& connId) { listSubscribers_.insert(connId); }
  // Whether the connection was subscribed.
  bool unsubscribeList(const std::string& connId) { return listSubscribers_.erase(connId) > 0; }
  // INVALID_REQUEST once the connection follows kMaxMessageKeysPerConnection other keys.
  protocol::Result<void> subscribeMessages(const std::string& connId, const std::string& key);
  void unsubscribeMessages(const std::string& connId, const std::string& key);
  // Whether the connection holds any subscription.
  bool subscribed(const std::string& connId) const {
    return listSubscribers_.count(connId) > 0 || messageKeys_.count(connId) > 0;
  }

  void onSessionStarted(const std::shared_ptr<rpc::Connection>&) override {}
  void onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) override;

  void sessionChanged(const std::string& sessionKey, runs::SessionChange change) override;
  void messageAppended(const std::string& sessionKey, const std::string& sessionId,
                       const sessions::TranscriptEntry& entry) override;

 private:
  boost::asio::awaitable<void> publishChange(std::string sessionKey, runs::SessionChange change);
  void sendToListSubscribers(const nlohmann::json& payload);

  AgentServices& services_;
  std::set<std::string> listSubscribers_;
  std::map<std::string, std::set<std::string>> messageKeys_;  // connId -> session keys
};

}  // namespace openclaw::methods
