#pragma once

#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pairing/pairing_records.h"
#include "pairing/pairing_store.h"
#include "protocol/gateway_error.h"
#include "protocol/result.h"
#include "rpc/gateway_runtime.h"
#include "rpc/session_listener.h"

namespace openclaw::pairing {

// A connect that carried a verified device proof.
struct DeviceConnect {
  std::string deviceId;
  std::string publicKey;  // base64url, as sent
  std::string role;
  std::vector<std::string> scopes;  // requested, unknown names dropped
  std::optional<std::string> displayName;
  std::optional<std::string> platform;
  std::optional<std::string> deviceFamily;
  std::string clientId;
  std::string clientMode;
  std::string remoteIp;
  bool local = false;  // a loopback peer: pairing is approved silently
};

// What node.pair.request asks for: a pending node-role request for `nodeId`.
struct NodePairRequest {
  std::string nodeId;
  std::optional<std::string> displayName;
  std::optional<std::string> platform;
  std::optional<std::string> deviceFamily;
  std::optional<std::string> remoteIp;
  pairing::NodeRequestFacts facts;
};

// What an admitted device connection gets: its scopes and the hello-ok `auth` extras
// ({deviceToken, issuedAtMs} when a token was minted for it).
struct DeviceAdmission {
  std::vector<std::string> scopes;
  nlohmann::json helloAuth = nlohmann::json::object();
};

// The answer of an operation: a payload, or the error to send.
using PairingOutcome = protocol::Result<nlohmann::json>;

// Paired devices, pending pairing requests and device tokens. The event-loop thread owns the
// in-memory view (loaded from SQLite at construction); every change is written on the storage
// thread and the caller's continuation runs on the loop only after the commit. Events
// (device.pair.*, node.pair.*) go to operators holding operator.pairing.
class PairingRegistry final : public rpc::SessionListener {
 public:
  // Loads the pairing tables; blocks, so construct it before the event loop runs.
  explicit PairingRegistry(rpc::GatewayRuntime& runtime);

  // --- queries (for the node registry and others) ---
  const pairing::PairedDevice* pairedDevice(const std::string& deviceId) const;
  // True when the device is paired and approved for `role` ("node", "operator").
  bool isPaired(const std::string& deviceId, const std::string& role) const;

  // The pending request `requestId` (of role `roleFilter`, unless empty), or nullptr.
  const pairing::PendingPairing* pendingRequest(const std::string& requestId,
                                                const std::string& roleFilter) const;

  // --- handshake ---
  // Checks `token` against the device's current token for `role`: the scopes granted (the
  // requested ones, or the token's when none were requested), else AUTH_DEVICE_TOKEN_MISMATCH
  // (unknown, rotated or revoked token) or AUTH_SCOPE_MISMATCH (more scopes than the token).
  protocol::Result<std::vector<std::string>> checkDeviceToken(
      const std::string& deviceId, const std::string& role, const std::string& token,
      const std::vector<std::string>& requestedScopes) const;
  // True when `token` is a paired device's current, unrevoked operator token (for HTTP callers
  // that present it as a bearer token, such as the Control UI fetching its bootstrap config).
  bool isOperatorToken(const std::string& token) const;
  // Admits a device that passed the shared-secret check: a paired device covering the role and
  // scopes gets a fresh token; otherwise a local one is approved silently and a remote one gets
  // NOT_PAIRED (PAIRING_REQUIRED, with the pending request's id).
  void admit(const DeviceConnect& connect,
             std::function<void(protocol::Result<DeviceAdmission>)> done);

  // --- methods ---
  // Pending requests live this long after their last refresh (as upstream), then are dropped.
  static constexpr std::int64_t kPendingTtlMs = 5 * 60 * 1000;
  // Drops (and deletes from the database) pending requests older than kPendingTtlMs; their ids
  // are remembered so approving or rejecting one says it expired. The list methods call it, and
  // a timer does every minute.
  void pruneExpired();
  nlohmann::json listDevices() const;
  nlohmann::json listNodes() const;
  // `roleFilter` "node" limits the request to node-role requests (node.pair.*).
  void approve(const std::string& requestId, const std::string& roleFilter,
               std::function<void(PairingOutcome)> done);
  void reject(const std::string& requestId, const std::string& roleFilter,
              std::function<void(PairingOutcome)> done);
  // node.pair.request: creates a pending node request, or refreshes the node's open one
  // (`created` false), and announces a new one. A node without a paired device gets a request
  // without a public key; approving it mints the node token that node.pair.verify checks.
  void requestNode(const NodePairRequest& request, std::function<void(PairingOutcome)> done);
  // node.pair.verify: {ok, node?} for the node's current, unrevoked node-role token.
  nlohmann::json verifyNode(const std::string& nodeId, const std::string& token) const;
  // device.pair.rename: sets the operator's label of a paired device (kept across re-approval).
  void renameDevice(const std::string& deviceId, const std::string& label,
                    std::function<void(PairingOutcome)> done);
  // Removes the device (all roles), its tokens and requests, and closes its connections.
  void removeDevice(const std::string& deviceId, std::function<void(PairingOutcome)> done);
  // Takes the node role away (the whole row when it was the only role).
  void removeNode(const std::string& deviceId, std::function<void(PairingOutcome)> done);
  // Mints a new token for device + role (scopes narrowed to `scopes` when given, never widened);
  // `inBand` says whether the result carries the bearer token.
  void rotateToken(const std::string& deviceId, const std::string& role,
                   const std::optional<std::vector<std::string>>& scopes, bool inBand,
                   std::function<void(PairingOutcome)> done);
  // Revokes the token and closes the device's connections in that role.
  void revokeToken(const std::string& deviceId, const std::string& role,
                   std::function<void(PairingOutcome)> done);

  // rpc::SessionListener: tracks which connections belong to which device.
  void onSessionStarted(const std::shared_ptr<rpc::Connection>& connection) override;
  void onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) override;

 private:
  // Writes `write`, then runs `then(committed)` on the event loop. The in-memory view already
  // holds the change; after a failed write (logged, answered UNAVAILABLE) it stays ahead of the
  // database until the next start reloads it.
  void persist(pairing::PairingWrite write, std::function<void(bool committed)> then);
  // A new bearer token for device + role, recorded in memory and added to `write`.
  std::string mintToken(const std::string& deviceId, const std::string& role,
                        const std::vector<std::string>& scopes, pairing::PairingWrite& write);
  // Approves `request` into the device record (in memory and in `write`).
  void applyApproval(const pairing::PendingPairing& request, pairing::PairingWrite& write);
  void emitRequested(const pairing::PendingPairing& request);
  void emitResolved(const std::string& requestId, const std::string& deviceId,
                    const std::string& role, const std::string& decision);
  void closeConnections(const std::string& deviceId, const std::optional<std::string>& role,
                        const std::string& reason);
  nlohmann::json pendingJson(const pairing::PendingPairing& request) const;
  nlohmann::json deviceJson(const pairing::PairedDevice& device) const;
  nlohmann::json nodeJson(const pairing::PairedDevice& device) const;  // deviceJson + nodeId
  // pendingJson + nodeId and what a node.pair.request added.
  nlohmann::json nodePendingJson(const pairing::PendingPairing& request) const;
  // The pending request `requestId` of `roleFilter` after pruning, else the error to answer.
  protocol::Result<pairing::PendingPairing> openRequest(const std::string& requestId,
                                                        const std::string& roleFilter);
  void schedulePrune();
  // Records (and saves) that a connection of the paired device `deviceId` began or ended.
  void markSeen(const std::string& deviceId, const char* reason);
  // Whether a connection of `deviceId` is open now.
  bool isConnected(const std::string& deviceId) const;

  rpc::GatewayRuntime& runtime_;
  pairing::PairingStore store_;
  std::map<std::string, pairing::PairedDevice> devices_;
  std::map<std::string, pairing::PendingPairing> pending_;  // by request id
  std::map<std::pair<std::string, std::string>, pairing::DeviceTokenRecord> tokens_;
  std::multimap<std::string, std::weak_ptr<rpc::Connection>> sessions_;  // by device id
  std::set<std::string> expiredIds_;  // request ids dropped by pruneExpired (bounded)
  boost::asio::steady_timer pruneTimer_;
};

}  // namespace openclaw::pairing
