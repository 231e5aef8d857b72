#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/result.h"
#include "rpc/event_sink.h"
#include "rpc/session_listener.h"

namespace openclaw::nodes {

// A connected role "node" session and what it declared at connect.
struct NodeSession {
  std::string nodeId;
  std::string connId;
  std::optional<std::string> deviceId;  // the verified device identity, when it has one
  std::string clientId;
  std::string clientMode;
  std::string platform;
  std::string version;
  std::optional<std::string> displayName;
  std::optional<std::string> deviceFamily;
  std::optional<std::string> modelIdentifier;
  std::string remoteIp;
  std::vector<std::string> caps;
  std::vector<std::string> commands;
  nlohmann::json permissions = nlohmann::json::object();
  std::int64_t connectedAtMs = 0;
};

// What an operator asks a node to do (node.invoke).
struct InvokeRequest {
  std::string nodeId;
  std::string command;
  std::optional<nlohmann::json> params;  // forwarded as paramsJSON
  std::int64_t timeoutMs = 0;
  std::string idempotencyKey;
};

// What a node answered to a successful invoke.
struct InvokeReply {
  nlohmann::json payload;  // null when absent
  std::optional<std::string> payloadJSON;
};

// A failed invoke as the operator is answered: UNAVAILABLE with the message of `nodeError` (the
// node's own {code?, message?}, or a gateway-made TIMEOUT, NODE_DISCONNECTED, NOT_CONNECTED or
// UNAVAILABLE in that shape) and `nodeError` itself as details.nodeError.
protocol::GatewayError invokeFailure(nlohmann::json nodeError);

// The id a node is known by: its device id when it proved one, else its client id (as upstream).
std::string nodeIdOf(const rpc::ClientSession& session);

// Tracks connected nodes and their in-flight invokes. Event-loop thread only.
class NodeRegistry final : public rpc::SessionListener {
 public:
  using InvokeDone = std::function<void(const protocol::Result<InvokeReply>&)>;

  NodeRegistry(boost::asio::io_context& io, rpc::EventSink& events);
  ~NodeRegistry() override;

  void onSessionStarted(const std::shared_ptr<rpc::Connection>& connection) override;
  void onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) override;

  const NodeSession* find(const std::string& nodeId) const;
  // Connected nodes ordered by nodeId.
  std::vector<const NodeSession*> connected() const;
  // The node id of the node session on `connId`, if it is one.
  std::optional<std::string> nodeIdForConnection(const std::string& connId) const;

  // Sends `node.invoke.request` to the connected node `request.nodeId` and calls `done` exactly
  // once: with the node's result, or an invokeFailure: TIMEOUT after request.timeoutMs,
  // NODE_DISCONNECTED when the node goes away first, or at once NOT_CONNECTED / UNAVAILABLE.
  void invoke(const InvokeRequest& request, InvokeDone done);

  // Delivers a node's `node.invoke.result`. False when no invoke `id` from `nodeId` is pending
  // (already timed out, or never sent): such results are dropped.
  bool completeInvoke(const std::string& id, const std::string& nodeId,
                      const protocol::Result<InvokeReply>& outcome);

  std::size_t pendingInvokeCount() const { return pending_.size(); }

  // Lets another layer adjust an invoke's params for the node it goes to just before it is sent
  // (the canvas host turns hosted paths into capability URLs). One rewriter; null removes it.
  using InvokeRewriter = std::function<void(const NodeSession& node, InvokeRequest& request)>;
  void setInvokeRewriter(InvokeRewriter rewriter) { rewriteInvoke_ = std::move(rewriter); }

 private:
  struct PendingInvoke {
    std::string nodeId;
    std::string command;
    std::unique_ptr<boost::asio::steady_timer> deadline;
    InvokeDone done;
  };

  // Removes the pending invoke `id` and calls its callback with `outcome`.
  void finish(const std::string& id, const protocol::Result<InvokeReply>& outcome);

  boost::asio::io_context& io_;
  rpc::EventSink& events_;
  std::map<std::string, NodeSession> nodes_;       // by nodeId
  std::map<std::string, std::string> nodeByConn_;  // connId -> nodeId
  std::map<std::string, PendingInvoke> pending_;   // by invoke id
  InvokeRewriter rewriteInvoke_;
};

}  // namespace openclaw::nodes
