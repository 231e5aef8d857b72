#include "pairing/pairing_registry.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <future>

#include "auth/constant_time.h"
#include "auth/device_identity.h"
#include "core/clock.h"
#include "core/logging.h"
#include "core/random_ids.h"
#include "core/text.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::pairing {
namespace {

// Applies `write` on the storage thread; false when it failed (logged).
boost::asio::awaitable<bool> commit(rpc::GatewayRuntime& runtime, pairing::PairingStore& store,
                                    pairing::PairingWrite write) {
  try {
    co_await rpc::onStorage(runtime, [&store, &write] { store.apply(write); });
    co_return true;
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
  }
  co_return false;
}

using protocol::GatewayError;

constexpr std::uint16_t kClosePolicyViolation = 1008;
constexpr auto kPruneInterval = std::chrono::minutes(1);
constexpr std::size_t kMaxRememberedExpired = 1024;

void putOptional(nlohmann::json& out, const char* key, const std::optional<std::string>& value) {
  if (value && !value->empty()) out[key] = *value;
}

std::vector<std::string> unionOf(std::vector<std::string> left,
                                 const std::vector<std::string>& right) {
  for (const auto& item : right) {
    if (std::find(left.begin(), left.end(), item) == left.end()) left.push_back(item);
  }
  return left;
}

bool covers(const std::vector<std::string>& held, const std::vector<std::string>& requested) {
  return std::all_of(requested.begin(), requested.end(), [&held](const std::string& scope) {
    return protocol::scopeSatisfied(held, scope);
  });
}

GatewayError deviceTokenError(const char* code, const char* reason, const std::string& message) {
  return GatewayError::invalidRequest(message,
                                      {{"code", code},
                                       {"authReason", reason},
                                       {"canRetryWithDeviceToken", false},
                                       {"recommendedNextStep", "update_auth_credentials"}});
}

GatewayError pairingRequired(const std::string& requestId, const std::string& reason) {
  return {protocol::codes::kNotPaired,
          "pairing required",
          {{"code", "PAIRING_REQUIRED"}, {"requestId", requestId}, {"reason", reason}},
          std::nullopt,
          std::nullopt};
}

GatewayError storageFailed() {
  return GatewayError::unavailable("pairing store write failed", std::nullopt);
}

// What the client said about itself at connect, shared by pending requests and paired devices.
template <typename Record>
void putClientFacts(nlohmann::json& out, const Record& record) {
  putOptional(out, "displayName", record.displayName);
  putOptional(out, "platform", record.platform);
  putOptional(out, "deviceFamily", record.deviceFamily);
  putOptional(out, "clientId", record.clientId);
  putOptional(out, "clientMode", record.clientMode);
  putOptional(out, "remoteIp", record.remoteIp);
}

// What a node.pair.request added: {version?, modelIdentifier?, caps, commands, silent}.
void putNodeFacts(nlohmann::json& out, const std::optional<pairing::NodeRequestFacts>& facts) {
  if (!facts) return;
  putOptional(out, "version", facts->version);
  putOptional(out, "modelIdentifier", facts->modelIdentifier);
  out["caps"] = facts->caps;
  out["commands"] = facts->commands;
  out["silent"] = facts->silent;
}

}  // namespace

PairingRegistry::PairingRegistry(rpc::GatewayRuntime& runtime)
    : runtime_(runtime), store_(runtime.database), pruneTimer_(runtime.io) {
  std::packaged_task<pairing::PairingSnapshot()> load([this] { return store_.load(); });
  std::future<pairing::PairingSnapshot> loaded = load.get_future();
  boost::asio::post(runtime_.storage, std::move(load));
  pairing::PairingSnapshot snapshot = loaded.get();
  for (auto& device : snapshot.devices) devices_.emplace(device.deviceId, std::move(device));
  for (auto& request : snapshot.pending) pending_.emplace(request.requestId, std::move(request));
  for (auto& token : snapshot.tokens) {
    tokens_.emplace(std::make_pair(token.deviceId, token.role), std::move(token));
  }
  pruneExpired();
  schedulePrune();
}

void PairingRegistry::schedulePrune() {
  pruneTimer_.expires_after(kPruneInterval);
  pruneTimer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;  // cancelled: the registry is going away
    pruneExpired();
    schedulePrune();
  });
}

void PairingRegistry::pruneExpired() {
  const std::int64_t cutoff = core::nowMs() - kPendingTtlMs;
  pairing::PairingWrite write;
  std::erase_if(pending_, [&](const auto& entry) {
    if (entry.second.ts > cutoff) return false;
    write.deletePending.push_back(entry.first);
    return true;
  });
  if (write.deletePending.empty()) return;
  if (expiredIds_.size() + write.deletePending.size() > kMaxRememberedExpired) expiredIds_.clear();
  expiredIds_.insert(write.deletePending.begin(), write.deletePending.end());
  core::logger("gateway")->info("pairing: {} pending request(s) expired",
                                write.deletePending.size());
  persist(std::move(write), [](bool) {});  // a failed delete is logged; the next start retries
}

const pairing::PairedDevice* PairingRegistry::pairedDevice(const std::string& deviceId) const {
  auto found = devices_.find(deviceId);
  return found == devices_.end() ? nullptr : &found->second;
}

bool PairingRegistry::isPaired(const std::string& deviceId, const std::string& role) const {
  const pairing::PairedDevice* device = pairedDevice(deviceId);
  return device != nullptr &&
         std::find(device->roles.begin(), device->roles.end(), role) != device->roles.end();
}

protocol::Result<std::vector<std::string>> PairingRegistry::checkDeviceToken(
    const std::string& deviceId, const std::string& role, const std::string& token,
    const std::vector<std::string>& requestedScopes) const {
  auto found = tokens_.find({deviceId, role});
  if (found == tokens_.end() || !isPaired(deviceId, role) ||
      !auth::secretsEqual(auth::sha256Hex(token), found->second.tokenHash)) {
    return deviceTokenError("AUTH_DEVICE_TOKEN_MISMATCH", "device_token_mismatch",
                            "unauthorized: device token mismatch (rotated or unknown)");
  }
  const pairing::DeviceTokenRecord& record = found->second;
  if (record.revokedAtMs) {
    return deviceTokenError("AUTH_DEVICE_TOKEN_MISMATCH", "device_token_revoked",
                            "unauthorized: device token revoked");
  }
  if (role != "operator") return std::vector<std::string>{};
  if (requestedScopes.empty()) return record.scopes;
  if (!covers(record.scopes, requestedScopes)) {
    return deviceTokenError("AUTH_SCOPE_MISMATCH", "scope_mismatch",
                            "unauthorized: device token does not cover the requested scopes");
  }
  return requestedScopes;
}

bool PairingRegistry::isOperatorToken(const std::string& token) const {
  if (token.empty()) return false;
  const std::string hash = auth::sha256Hex(token);
  return std::any_of(tokens_.begin(), tokens_.end(), [&](const auto& entry) {
    const pairing::DeviceTokenRecord& record = entry.second;
    return record.role == "operator" && !record.revokedAtMs &&
           isPaired(record.deviceId, record.role) && auth::secretsEqual(hash, record.tokenHash);
  });
}

void PairingRegistry::admit(const DeviceConnect& connect,
                            std::function<void(protocol::Result<DeviceAdmission>)> done) {
  pruneExpired();  // an expired request is not reused
  const pairing::PairedDevice* paired = pairedDevice(connect.deviceId);
  const bool operatorRole = connect.role == "operator";
  std::string reason;
  if (paired == nullptr || paired->publicKey != connect.publicKey) {
    reason = "not-paired";
  } else if (!isPaired(connect.deviceId, connect.role)) {
    reason = "role-upgrade";
  } else if (operatorRole && !covers(paired->scopes, connect.scopes)) {
    reason = "scope-upgrade";
  }
  const std::vector<std::string> scopes =
      operatorRole ? connect.scopes : std::vector<std::string>{};

  pairing::PendingPairing request;
  request.requestId = core::uuidV4();
  request.deviceId = connect.deviceId;
  request.publicKey = connect.publicKey;
  request.displayName = connect.displayName;
  request.platform = connect.platform;
  request.deviceFamily = connect.deviceFamily;
  request.clientId = connect.clientId;
  request.clientMode = connect.clientMode;
  request.role = connect.role;
  request.scopes = scopes;
  request.remoteIp = connect.remoteIp;
  request.isRepair = paired != nullptr;
  request.ts = core::nowMs();

  pairing::PairingWrite write;
  if (!reason.empty() && !connect.local) {
    // Reuse the device's open request for this role, widened to what it asks now.
    bool created = true;
    for (const auto& [id, open] : pending_) {
      if (open.deviceId == connect.deviceId && open.role == connect.role) {
        request.requestId = id;
        request.scopes = unionOf(open.scopes, scopes);
        created = false;
        break;
      }
    }
    pending_[request.requestId] = request;
    write.upsertPending.push_back(request);
    persist(std::move(write), [this, request, created, reason, done](bool committed) {
      if (!committed) return done(storageFailed());
      if (created) emitRequested(request);
      done(pairingRequired(request.requestId, reason));
    });
    return;
  }
  if (!reason.empty()) {
    applyApproval(request, write);  // a loopback client: approved silently
    core::logger("gateway")->info("device pairing auto-approved device={} role={}",
                                  connect.deviceId, connect.role);
  }
  DeviceAdmission admission;
  admission.scopes = scopes;
  admission.helloAuth["deviceToken"] = mintToken(connect.deviceId, connect.role, scopes, write);
  admission.helloAuth["issuedAtMs"] = tokens_.at({connect.deviceId, connect.role}).issuedAtMs;
  persist(std::move(write), [this, request, reason, admission, done](bool committed) {
    if (!committed) return done(storageFailed());
    if (!reason.empty()) {
      emitResolved(request.requestId, request.deviceId, request.role, "approved");
    }
    done(admission);
  });
}

std::string PairingRegistry::mintToken(const std::string& deviceId, const std::string& role,
                                       const std::vector<std::string>& scopes,
                                       pairing::PairingWrite& write) {
  const std::string token = core::randomToken(32);
  pairing::DeviceTokenRecord record;
  record.deviceId = deviceId;
  record.role = role;
  record.tokenHash = auth::sha256Hex(token);
  record.scopes = scopes;
  record.issuedAtMs = core::nowMs();
  auto previous = tokens_.find({deviceId, role});
  if (previous != tokens_.end()) record.rotatedAtMs = record.issuedAtMs;
  tokens_[{deviceId, role}] = record;
  write.upsertTokens.push_back(record);
  return token;
}

void PairingRegistry::applyApproval(const pairing::PendingPairing& request,
                                    pairing::PairingWrite& write) {
  const std::int64_t now = core::nowMs();
  auto existing = devices_.find(request.deviceId);
  pairing::PairedDevice device;
  if (existing != devices_.end() && existing->second.publicKey == request.publicKey) {
    device = existing->second;
  } else {
    device.createdAtMs = now;  // new device, or a new key under the same id: start over
  }
  device.deviceId = request.deviceId;
  device.publicKey = request.publicKey;
  device.displayName = request.displayName;
  device.platform = request.platform;
  device.deviceFamily = request.deviceFamily;
  device.clientId = request.clientId;
  device.clientMode = request.clientMode;
  device.remoteIp = request.remoteIp;
  device.roles = unionOf(device.roles, {request.role});
  device.scopes = unionOf(device.scopes, request.scopes);
  device.approvedAtMs = now;
  devices_[device.deviceId] = device;
  write.upsertDevices.push_back(device);
  if (pending_.erase(request.requestId) > 0) write.deletePending.push_back(request.requestId);
}

const pairing::PendingPairing* PairingRegistry::pendingRequest(
    const std::string& requestId, const std::string& roleFilter) const {
  auto found = pending_.find(requestId);
  if (found == pending_.end()) return nullptr;
  if (!roleFilter.empty() && found->second.role != roleFilter) return nullptr;
  return &found->second;
}

protocol::Result<pairing::PendingPairing> PairingRegistry::openRequest(
    const std::string& requestId, const std::string& roleFilter) {
  pruneExpired();
  if (const pairing::PendingPairing* found = pendingRequest(requestId, roleFilter)) return *found;
  if (expiredIds_.contains(requestId)) {
    return GatewayError::invalidRequest(
        "pairing request expired: ask the device to connect (or request) again",
        {{"code", "PAIRING_REQUEST_EXPIRED"}, {"requestId", requestId}});
  }
  return GatewayError::invalidRequest("unknown requestId");
}

void PairingRegistry::approve(const std::string& requestId, const std::string& roleFilter,
                              std::function<void(PairingOutcome)> done) {
  auto open = openRequest(requestId, roleFilter);
  if (!open) return done(open.error());
  pairing::PendingPairing request = std::move(open).value();
  const pairing::PairedDevice* existing = pairedDevice(request.deviceId);
  if (request.publicKey.empty() && existing != nullptr) request.publicKey = existing->publicKey;
  pairing::PairingWrite write;
  applyApproval(request, write);
  // A node paired through node.pair.request has no device key to connect with: the approval
  // is the one moment its node token can be handed out (only its hash is kept).
  std::optional<std::string> token;
  if (request.publicKey.empty()) token = mintToken(request.deviceId, "node", {}, write);
  persist(std::move(write), [this, request, roleFilter, token, done](bool committed) {
    if (!committed) return done(storageFailed());
    emitResolved(request.requestId, request.deviceId, request.role, "approved");
    const pairing::PairedDevice* device = pairedDevice(request.deviceId);
    if (device == nullptr) return done(GatewayError::invalidRequest("device removed meanwhile"));
    const bool asNode = roleFilter == "node";
    nlohmann::json entry = asNode ? nodeJson(*device) : deviceJson(*device);
    if (token) entry["token"] = *token;
    done(nlohmann::json{{"requestId", request.requestId}, {asNode ? "node" : "device", entry}});
  });
}

void PairingRegistry::reject(const std::string& requestId, const std::string& roleFilter,
                             std::function<void(PairingOutcome)> done) {
  auto open = openRequest(requestId, roleFilter);
  if (!open) return done(open.error());
  const pairing::PendingPairing request = std::move(open).value();
  pending_.erase(requestId);
  pairing::PairingWrite write;
  write.deletePending.push_back(requestId);
  persist(std::move(write), [this, request, roleFilter, done](bool committed) {
    if (!committed) return done(storageFailed());
    emitResolved(request.requestId, request.deviceId, request.role, "rejected");
    const char* idKey = roleFilter == "node" ? "nodeId" : "deviceId";
    done(nlohmann::json{{"requestId", request.requestId}, {idKey, request.deviceId}});
  });
}

void PairingRegistry::requestNode(const NodePairRequest& asked,
                                  std::function<void(PairingOutcome)> done) {
  pruneExpired();
  const pairing::PairedDevice* paired = pairedDevice(asked.nodeId);
  pairing::PendingPairing request;
  request.requestId = core::uuidV4();
  request.deviceId = asked.nodeId;
  request.publicKey = paired != nullptr ? paired->publicKey : "";
  request.displayName = asked.displayName;
  request.platform = asked.platform;
  request.deviceFamily = asked.deviceFamily;
  request.remoteIp = asked.remoteIp;
  request.role = "node";
  request.isRepair = paired != nullptr;
  request.ts = core::nowMs();
  request.nodeFacts = asked.facts;
  bool created = true;
  for (const auto& [id, open] : pending_) {
    if (open.deviceId != asked.nodeId || open.role != "node") continue;
    // Refresh the node's open request; what a connect proved (its key, client) is kept.
    request.requestId = id;
    if (!open.publicKey.empty()) request.publicKey = open.publicKey;
    request.clientId = open.clientId;
    request.clientMode = open.clientMode;
    created = false;
    break;
  }
  pending_[request.requestId] = request;
  pairing::PairingWrite write;
  write.upsertPending.push_back(request);
  persist(std::move(write), [this, request, created, done](bool committed) {
    if (!committed) return done(storageFailed());
    if (created) emitRequested(request);
    done(nlohmann::json{
        {"status", "pending"}, {"created", created}, {"request", nodePendingJson(request)}});
  });
}

nlohmann::json PairingRegistry::verifyNode(const std::string& nodeId,
                                           const std::string& token) const {
  const auto checked = checkDeviceToken(nodeId, "node", token, {});
  if (!checked) return {{"ok", false}};
  return {{"ok", true}, {"node", nodeJson(*pairedDevice(nodeId))}};
}

void PairingRegistry::renameDevice(const std::string& deviceId, const std::string& label,
                                   std::function<void(PairingOutcome)> done) {
  auto found = devices_.find(deviceId);
  if (found == devices_.end()) return done(GatewayError::invalidRequest("unknown deviceId"));
  const std::string trimmed = core::trimmed(label);
  if (trimmed.empty()) return done(GatewayError::invalidRequest("label is blank"));
  found->second.label = trimmed;
  pairing::PairingWrite write;
  write.upsertDevices.push_back(found->second);
  persist(std::move(write), [deviceId, trimmed, done](bool committed) {
    if (!committed) return done(storageFailed());
    done(nlohmann::json{{"deviceId", deviceId}, {"label", trimmed}});
  });
}

void PairingRegistry::removeDevice(const std::string& deviceId,
                                   std::function<void(PairingOutcome)> done) {
  if (devices_.erase(deviceId) == 0) return done(GatewayError::invalidRequest("unknown deviceId"));
  pairing::PairingWrite write;
  write.deleteDevices.push_back(deviceId);
  std::erase_if(tokens_, [&deviceId](const auto& entry) { return entry.first.first == deviceId; });
  std::erase_if(pending_, [&deviceId, &write](const auto& entry) {
    if (entry.second.deviceId != deviceId) return false;
    write.deletePending.push_back(entry.first);
    return true;
  });
  closeConnections(deviceId, std::nullopt, "device removed");
  persist(std::move(write), [deviceId, done](bool committed) {
    if (!committed) return done(storageFailed());
    done(nlohmann::json{{"deviceId", deviceId}});
  });
}

void PairingRegistry::removeNode(const std::string& deviceId,
                                 std::function<void(PairingOutcome)> done) {
  auto found = devices_.find(deviceId);
  if (found == devices_.end() || !isPaired(deviceId, "node")) {
    return done(GatewayError::invalidRequest("unknown nodeId"));
  }
  std::vector<std::string>& roles = found->second.roles;
  roles.erase(std::remove(roles.begin(), roles.end(), "node"), roles.end());
  if (roles.empty()) {
    return removeDevice(deviceId, [deviceId, done](PairingOutcome outcome) {
      if (!outcome) return done(std::move(outcome));
      done(nlohmann::json{{"nodeId", deviceId}});
    });
  }
  pairing::PairingWrite write;
  write.upsertDevices.push_back(found->second);
  write.deleteTokens.emplace_back(deviceId, "node");
  tokens_.erase({deviceId, "node"});
  closeConnections(deviceId, "node", "node pairing removed");
  persist(std::move(write), [deviceId, done](bool committed) {
    if (!committed) return done(storageFailed());
    done(nlohmann::json{{"nodeId", deviceId}});
  });
}

void PairingRegistry::rotateToken(const std::string& deviceId, const std::string& role,
                                  const std::optional<std::vector<std::string>>& scopes,
                                  bool inBand, std::function<void(PairingOutcome)> done) {
  const pairing::PairedDevice* device = pairedDevice(deviceId);
  if (device == nullptr || !isPaired(deviceId, role)) {
    return done(GatewayError::invalidRequest("unknown deviceId/role"));
  }
  std::vector<std::string> granted;
  if (role == "operator") {
    auto current = tokens_.find({deviceId, role});
    granted = scopes.value_or(current != tokens_.end() ? current->second.scopes : device->scopes);
    if (!covers(device->scopes, granted)) {
      return done(GatewayError::invalidRequest("scopes exceed the device's approved scopes"));
    }
  }
  pairing::PairingWrite write;
  const std::string token = mintToken(deviceId, role, granted, write);
  const std::int64_t rotatedAtMs = tokens_.at({deviceId, role}).issuedAtMs;
  persist(std::move(write), [=](bool committed) {
    if (!committed) return done(storageFailed());
    nlohmann::json result = {
        {"deviceId", deviceId}, {"role", role}, {"scopes", granted}, {"rotatedAtMs", rotatedAtMs}};
    if (inBand) {
      result["token"] = token;
      result["tokenDelivery"] = "in-band";
    } else {
      result["tokenDelivery"] = "withheld-cross-device";
    }
    done(result);
  });
}

void PairingRegistry::revokeToken(const std::string& deviceId, const std::string& role,
                                  std::function<void(PairingOutcome)> done) {
  auto found = tokens_.find({deviceId, role});
  if (found == tokens_.end()) return done(GatewayError::invalidRequest("unknown deviceId/role"));
  const std::int64_t now = core::nowMs();
  found->second.revokedAtMs = now;
  pairing::PairingWrite write;
  write.upsertTokens.push_back(found->second);
  closeConnections(deviceId, role, "device token revoked");
  persist(std::move(write), [deviceId, role, now, done](bool committed) {
    if (!committed) return done(storageFailed());
    done(nlohmann::json{{"deviceId", deviceId}, {"role", role}, {"revokedAtMs", now}});
  });
}

void PairingRegistry::persist(pairing::PairingWrite write, std::function<void(bool)> then) {
  // The registry's interface is callbacks (its callers are); the write itself is awaited.
  boost::asio::co_spawn(
      runtime_.io, commit(runtime_, store_, std::move(write)),
      [then = std::move(then)](const std::exception_ptr&, bool committed) { then(committed); });
}

void PairingRegistry::emitRequested(const pairing::PendingPairing& request) {
  // A node.pair.request without a device key is a node-only request: no device event.
  if (!request.publicKey.empty()) {
    runtime_.events.broadcastToOperators("device.pair.requested", pendingJson(request),
                                         protocol::scopes::kPairing);
  }
  if (request.role != "node") return;
  nlohmann::json node = {
      {"requestId", request.requestId}, {"nodeId", request.deviceId}, {"ts", request.ts}};
  putOptional(node, "displayName", request.displayName);
  putOptional(node, "platform", request.platform);
  putOptional(node, "deviceFamily", request.deviceFamily);
  putOptional(node, "remoteIp", request.remoteIp);
  putNodeFacts(node, request.nodeFacts);
  runtime_.events.broadcastToOperators("node.pair.requested", node, protocol::scopes::kPairing);
}

void PairingRegistry::emitResolved(const std::string& requestId, const std::string& deviceId,
                                   const std::string& role, const std::string& decision) {
  const std::int64_t ts = core::nowMs();
  runtime_.events.broadcastToOperators(
      "device.pair.resolved",
      {{"requestId", requestId}, {"deviceId", deviceId}, {"decision", decision}, {"ts", ts}},
      protocol::scopes::kPairing);
  if (role != "node") return;
  runtime_.events.broadcastToOperators(
      "node.pair.resolved",
      {{"requestId", requestId}, {"nodeId", deviceId}, {"decision", decision}, {"ts", ts}},
      protocol::scopes::kPairing);
}

void PairingRegistry::closeConnections(const std::string& deviceId,
                                       const std::optional<std::string>& role,
                                       const std::string& reason) {
  std::vector<std::shared_ptr<rpc::Connection>> doomed;
  auto [first, last] = sessions_.equal_range(deviceId);
  for (auto it = first; it != last; ++it) {
    auto connection = it->second.lock();
    if (connection && (!role || connection->session().role == *role)) {
      doomed.push_back(connection);
    }
  }
  for (const auto& connection : doomed) connection->close(kClosePolicyViolation, reason);
}

void PairingRegistry::onSessionStarted(const std::shared_ptr<rpc::Connection>& connection) {
  if (const auto& deviceId = connection->session().deviceId) {
    sessions_.emplace(*deviceId, connection);
    markSeen(*deviceId, "connect");
  }
}

void PairingRegistry::onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) {
  const auto& deviceId = connection->session().deviceId;
  if (!deviceId) return;
  auto [first, last] = sessions_.equal_range(*deviceId);
  for (auto it = first; it != last; ++it) {
    auto held = it->second.lock();
    if (!held || held == connection) {
      sessions_.erase(it);
      break;
    }
  }
  markSeen(*deviceId, "disconnect");
}

void PairingRegistry::markSeen(const std::string& deviceId, const char* reason) {
  const auto found = devices_.find(deviceId);
  if (found == devices_.end()) return;
  pairing::PairedDevice& device = found->second;
  device.lastSeenAtMs = core::nowMs();
  device.lastSeenReason = reason;
  pairing::PairingWrite write;
  write.upsertDevices.push_back(device);
  persist(std::move(write), [](bool) {});
}

bool PairingRegistry::isConnected(const std::string& deviceId) const {
  auto [first, last] = sessions_.equal_range(deviceId);
  return std::any_of(first, last, [](const auto& held) { return !held.second.expired(); });
}

nlohmann::json PairingRegistry::pendingJson(const pairing::PendingPairing& request) const {
  nlohmann::json out = {{"requestId", request.requestId},
                        {"deviceId", request.deviceId},
                        {"role", request.role},
                        {"roles", {request.role}},
                        {"scopes", request.scopes},
                        {"isRepair", request.isRepair},
                        {"ts", request.ts}};
  putOptional(out, "publicKey", request.publicKey);
  putClientFacts(out, request);
  return out;
}

nlohmann::json PairingRegistry::nodePendingJson(const pairing::PendingPairing& request) const {
  nlohmann::json out = pendingJson(request);
  out["nodeId"] = request.deviceId;
  putNodeFacts(out, request.nodeFacts);
  return out;
}

nlohmann::json PairingRegistry::deviceJson(const pairing::PairedDevice& device) const {
  nlohmann::json tokens = nlohmann::json::array();
  for (const auto& [key, token] : tokens_) {
    if (key.first != device.deviceId) continue;
    nlohmann::json entry = {
        {"role", token.role}, {"scopes", token.scopes}, {"createdAtMs", token.issuedAtMs}};
    if (token.rotatedAtMs) entry["rotatedAtMs"] = *token.rotatedAtMs;
    if (token.revokedAtMs) entry["revokedAtMs"] = *token.revokedAtMs;
    tokens.push_back(entry);
  }
  nlohmann::json out = {{"deviceId", device.deviceId},
                        {"roles", device.roles},
                        {"scopes", device.scopes},
                        {"createdAtMs", device.createdAtMs},
                        {"approvedAtMs", device.approvedAtMs},
                        {"tokens", tokens}};
  if (!device.roles.empty()) out["role"] = device.roles.front();
  putOptional(out, "publicKey", device.publicKey);  // none for a node paired by request
  putClientFacts(out, device);
  putOptional(out, "label", device.label);
  out["connected"] = isConnected(device.deviceId);
  if (device.lastSeenAtMs) out["lastSeenAtMs"] = *device.lastSeenAtMs;
  putOptional(out, "lastSeenReason", device.lastSeenReason);
  return out;
}

nlohmann::json PairingRegistry::nodeJson(const pairing::PairedDevice& device) const {
  nlohmann::json out = deviceJson(device);
  out["nodeId"] = device.deviceId;
  return out;
}

nlohmann::json PairingRegistry::listDevices() const {
  nlohmann::json pending = nlohmann::json::array();
  for (const auto& [id, request] : pending_) pending.push_back(pendingJson(request));
  nlohmann::json paired = nlohmann::json::array();
  for (const auto& [id, device] : devices_) paired.push_back(deviceJson(device));
  return {{"pending", pending}, {"paired", paired}};
}

nlohmann::json PairingRegistry::listNodes() const {
  nlohmann::json pending = nlohmann::json::array();
  for (const auto& [id, request] : pending_) {
    if (request.role == "node") pending.push_back(nodePendingJson(request));
  }
  nlohmann::json paired = nlohmann::json::array();
  for (const auto& [id, device] : devices_) {
    if (isPaired(id, "node")) paired.push_back(nodeJson(device));
  }
  return {{"pending", pending}, {"paired", paired}};
}

}  // namespace openclaw::pairing
