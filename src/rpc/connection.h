#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "rpc/outbound_text.h"

namespace openclaw::rpc {

// Who is on the other end of a connection, once its `connect` request was accepted.
struct ClientSession {
  int protocol = 0;
  std::string role;
  std::vector<std::string> scopes;
  std::string clientId;
  std::string clientMode;
  std::string clientVersion;
  std::string platform;
  std::optional<std::string> displayName;
  std::optional<std::string> deviceFamily;
  std::optional<std::string> modelIdentifier;
  std::optional<std::string> instanceId;
  std::string presenceKey;     // the presence entry this connection keeps alive
  bool holdsPresence = false;  // its mode is tracked: it holds the presenceKey row
  // The verified device identity (connect.params.device), when the client presented one.
  std::optional<std::string> deviceId;
  // What a node declared at connect (empty for operators).
  std::vector<std::string> caps;
  std::vector<std::string> commands;
  nlohmann::json permissions = nlohmann::json::object();
};

// Where a browser's WebSocket upgrade came from (server/origin_policy.h judges it).
struct BrowserUpgrade {
  std::string origin;        // the Origin header
  std::string host;          // the Host header
  bool localClient = false;  // the TCP peer is a loopback address
  int gatewayPort = 0;       // the port the gateway listens on
};

// One WebSocket control-plane connection as the gateway logic sees it; the transport (Beast)
// implements the I/O. All members are used on the event-loop thread only.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(std::string connId, std::string remoteAddress,
             std::optional<BrowserUpgrade> browser = std::nullopt)
      : connId_(std::move(connId)),
        remoteAddress_(std::move(remoteAddress)),
        browser_(std::move(browser)) {}
  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Queues one text frame. Never blocks. When the queued bytes would exceed the outbound
  // budget, the connection is dropped instead (a reader that cannot keep up is disconnected).
  virtual void send(OutboundText frame) = 0;
  void sendText(std::string frame) { send(OutboundText{nullptr, std::move(frame), nullptr}); }

  // Sends a close frame after everything already queued; later sendText calls are ignored.
  virtual void close(std::uint16_t code, std::string reason) = 0;

  // Raises the largest inbound frame accepted (after authentication). Larger frames close
  // the connection with 1009.
  virtual void setReadLimit(std::size_t bytes) = 0;

  const std::string& connId() const { return connId_; }
  const std::string& remoteAddress() const { return remoteAddress_; }
  // Set when the upgrade request carried an Origin header, as browsers' do.
  const std::optional<BrowserUpgrade>& browser() const { return browser_; }

  // The WebSocket upgrade request's headers (lower-case names, as rpc::HttpRequest::headers):
  // what a reverse proxy or Tailscale Serve added in front of the gateway.
  const std::map<std::string, std::string>& upgradeHeaders() const { return upgradeHeaders_; }
  // The value of header `lowerCaseName` of the upgrade request, or "" when it had none.
  std::string upgradeHeader(const std::string& lowerCaseName) const;
  void setUpgradeHeaders(std::map<std::string, std::string> headers) {
    upgradeHeaders_ = std::move(headers);
  }

  bool authenticated() const { return session_.has_value(); }
  const ClientSession& session() const { return *session_; }
  void setSession(ClientSession session) { session_ = std::move(session); }

  // The per-connection event sequence number for the next event frame.
  std::uint64_t nextEventSeq() { return nextSeq_++; }

 private:
  std::string connId_;
  std::string remoteAddress_;
  std::optional<BrowserUpgrade> browser_;
  std::map<std::string, std::string> upgradeHeaders_;
  std::optional<ClientSession> session_;
  std::uint64_t nextSeq_ = 1;
};

}  // namespace openclaw::rpc
