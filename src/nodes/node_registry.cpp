#include "nodes/node_registry.h"

#include "core/clock.h"
#include "core/logging.h"
#include "core/random_ids.h"

namespace openclaw::nodes {
namespace {

protocol::GatewayError failure(const std::string& code, const std::string& message) {
  return invokeFailure({{"code", code}, {"message", message}});
}

}  // namespace

protocol::GatewayError invokeFailure(nlohmann::json nodeError) {
  std::string message = "node invoke failed";
  if (nodeError.is_object() && nodeError.contains("message") && nodeError["message"].is_string()) {
    message = nodeError["message"];
  }
  return {protocol::codes::kUnavailable,
          std::move(message),
          {{"nodeError", std::move(nodeError)}},
          std::nullopt,
          std::nullopt};
}

std::string nodeIdOf(const rpc::ClientSession& session) {
  return session.deviceId.value_or(session.clientId);
}

NodeRegistry::NodeRegistry(boost::asio::io_context& io, rpc::EventSink& events)
    : io_(io), events_(events) {}

NodeRegistry::~NodeRegistry() = default;

void NodeRegistry::onSessionStarted(const std::shared_ptr<rpc::Connection>& connection) {
  const rpc::ClientSession& session = connection->session();
  if (session.role != "node") return;
  NodeSession node;
  node.nodeId = nodeIdOf(session);
  node.connId = connection->connId();
  node.deviceId = session.deviceId;
  node.clientId = session.clientId;
  node.clientMode = session.clientMode;
  node.platform = session.platform;
  node.version = session.clientVersion;
  node.displayName = session.displayName;
  node.deviceFamily = session.deviceFamily;
  node.modelIdentifier = session.modelIdentifier;
  node.remoteIp = session.clientAddress;
  node.caps = session.caps;
  node.commands = session.commands;
  node.permissions = session.permissions;
  node.connectedAtMs = core::nowMs();
  // A reconnect under the same id replaces the older session; its socket closing later must not
  // remove the new one (nodeByConn_ no longer maps it).
  if (auto previous = nodes_.find(node.nodeId); previous != nodes_.end()) {
    nodeByConn_.erase(previous->second.connId);
  }
  core::logger("gateway")->info("node connected: {} ({} {}, {} commands)", node.nodeId,
                                node.platform, node.version, node.commands.size());
  nodeByConn_[node.connId] = node.nodeId;
  nodes_[node.nodeId] = std::move(node);
}

void NodeRegistry::onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) {
  auto found = nodeByConn_.find(connection->connId());
  if (found == nodeByConn_.end()) return;
  const std::string nodeId = found->second;
  nodeByConn_.erase(found);
  nodes_.erase(nodeId);
  core::logger("gateway")->info("node disconnected: {}", nodeId);
  std::vector<std::pair<std::string, std::string>> orphaned;  // invoke id, command
  for (const auto& [id, pending] : pending_) {
    if (pending.nodeId == nodeId) orphaned.emplace_back(id, pending.command);
  }
  for (const auto& [id, command] : orphaned) {
    finish(id, failure("NODE_DISCONNECTED", "node disconnected (" + command + ")"));
  }
}

const NodeSession* NodeRegistry::find(const std::string& nodeId) const {
  auto found = nodes_.find(nodeId);
  return found == nodes_.end() ? nullptr : &found->second;
}

std::vector<const NodeSession*> NodeRegistry::connected() const {
  std::vector<const NodeSession*> list;
  list.reserve(nodes_.size());
  for (const auto& [id, node] : nodes_) list.push_back(&node);
  return list;
}

std::optional<std::string> NodeRegistry::nodeIdForConnection(const std::string& connId) const {
  auto found = nodeByConn_.find(connId);
  if (found == nodeByConn_.end()) return std::nullopt;
  return found->second;
}

void NodeRegistry::invoke(const InvokeRequest& original, InvokeDone done) {
  const NodeSession* node = find(original.nodeId);
  if (node == nullptr) {
    done(failure("NOT_CONNECTED", "node not connected"));
    return;
  }
  InvokeRequest request = original;
  if (rewriteInvoke_) rewriteInvoke_(*node, request);
  const std::string id = core::uuidV4();
  nlohmann::json event = {{"id", id},
                          {"nodeId", request.nodeId},
                          {"command", request.command},
                          {"timeoutMs", request.timeoutMs},
                          {"idempotencyKey", request.idempotencyKey}};
  if (request.params) event["paramsJSON"] = request.params->dump();
  if (!events_.sendTo(node->connId, "node.invoke.request", event)) {
    done(failure("UNAVAILABLE", "failed to send invoke to node"));
    return;
  }
  auto deadline = std::make_unique<boost::asio::steady_timer>(io_);
  deadline->expires_after(std::chrono::milliseconds(request.timeoutMs));
  deadline->async_wait([this, id](const boost::system::error_code& ec) {
    if (ec) return;
    finish(id, failure("TIMEOUT", "node invoke timed out"));
  });
  pending_.emplace(
      id, PendingInvoke{request.nodeId, request.command, std::move(deadline), std::move(done)});
}

bool NodeRegistry::completeInvoke(const std::string& id, const std::string& nodeId,
                                  const protocol::Result<InvokeReply>& outcome) {
  auto found = pending_.find(id);
  if (found == pending_.end() || found->second.nodeId != nodeId) return false;
  finish(id, outcome);
  return true;
}

void NodeRegistry::finish(const std::string& id, const protocol::Result<InvokeReply>& outcome) {
  auto found = pending_.find(id);
  if (found == pending_.end()) return;
  PendingInvoke pending = std::move(found->second);
  pending_.erase(found);
  pending.deadline->cancel();
  pending.done(outcome);
}

}  // namespace openclaw::nodes
