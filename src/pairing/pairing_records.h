#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::pairing {

// A device an operator (or local auto-approval) admitted. One row per device; `roles` and
// `scopes` are the approved grant.
struct PairedDevice {
  std::string deviceId;
  std::string publicKey;  // base64url raw Ed25519 key
  std::optional<std::string> displayName;
  std::optional<std::string> platform;
  std::optional<std::string> deviceFamily;
  std::optional<std::string> clientId;
  std::optional<std::string> clientMode;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;
  std::optional<std::string> remoteIp;
  std::optional<std::string> label;  // an operator-chosen name
  std::int64_t createdAtMs = 0;
  std::int64_t approvedAtMs = 0;
  // When a connection of the device last began or ended ("connect", "disconnect").
  std::optional<std::int64_t> lastSeenAtMs;
  std::optional<std::string> lastSeenReason;
};

// What a node said about itself in node.pair.request (beyond the device facts).
struct NodeRequestFacts {
  std::optional<std::string> version;
  std::optional<std::string> modelIdentifier;
  std::vector<std::string> caps;
  std::vector<std::string> commands;
  bool silent = false;  // the node asked for no operator prompt (informational here)
  bool operator==(const NodeRequestFacts&) const = default;
};

// A connect from an unpaired (or under-approved) device, or a node.pair.request, waiting for an
// operator's decision. A request made through node.pair.request for a node without a paired
// device identity has an empty `publicKey`.
struct PendingPairing {
  std::string requestId;
  std::string deviceId;
  std::string publicKey;
  std::optional<std::string> displayName;
  std::optional<std::string> platform;
  std::optional<std::string> deviceFamily;
  std::optional<std::string> clientId;
  std::optional<std::string> clientMode;
  std::string role;
  std::vector<std::string> scopes;
  std::optional<std::string> remoteIp;
  bool isRepair = false;  // the device is already paired and asks for more
  std::int64_t ts = 0;
  std::optional<NodeRequestFacts> nodeFacts;  // set for requests made by node.pair.request
};

// The current token of one device + role. Only the SHA-256 of the token is kept.
struct DeviceTokenRecord {
  std::string deviceId;
  std::string role;
  std::string tokenHash;  // lowercase hex SHA-256 of the bearer token
  std::vector<std::string> scopes;
  std::int64_t issuedAtMs = 0;
  std::optional<std::int64_t> rotatedAtMs;
  std::optional<std::int64_t> revokedAtMs;
};

// Everything the pairing tables hold, as loaded at start.
struct PairingSnapshot {
  std::vector<PairedDevice> devices;
  std::vector<PendingPairing> pending;
  std::vector<DeviceTokenRecord> tokens;
};

// One atomic change to the pairing tables. Deleting a device also deletes its tokens.
struct PairingWrite {
  std::vector<PairedDevice> upsertDevices;
  std::vector<std::string> deleteDevices;
  std::vector<PendingPairing> upsertPending;
  std::vector<std::string> deletePending;  // request ids
  std::vector<DeviceTokenRecord> upsertTokens;
  std::vector<std::pair<std::string, std::string>> deleteTokens;  // (deviceId, role)
};

}  // namespace openclaw::pairing
