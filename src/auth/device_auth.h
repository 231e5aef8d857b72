#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "auth/device_identity.h"
#include "protocol/gateway_error.h"
#include "protocol/result.h"

namespace openclaw::auth {

// How far connect.params.device.signedAt may be from the gateway's clock (either way).
inline constexpr std::int64_t kDeviceSignatureSkewMs = 2 * 60 * 1000;

// Checks the device proof in validated connect `params` (which must contain `device`): the
// public key is a raw Ed25519 key, device.id is its fingerprint, signedAt is within the skew
// window, the nonce is this connection's challenge, and the signature covers the v3 payload
// (v2 accepted). Succeeds when all hold; else INVALID_REQUEST with details {code:
// DEVICE_AUTH_PUBLIC_KEY_INVALID | DEVICE_AUTH_DEVICE_ID_MISMATCH | DEVICE_AUTH_SIGNATURE_EXPIRED |
// DEVICE_AUTH_NONCE_REQUIRED | DEVICE_AUTH_NONCE_MISMATCH | DEVICE_AUTH_SIGNATURE_INVALID,
// reason}. The caller closes the connection with 1008.
protocol::Result<void> verifyDeviceProof(const nlohmann::json& params,
                                         const std::string& challengeNonce, std::int64_t nowMs);

// The client side: the `device` object for `connectParams` (role, scopes, client, auth already
// set), signed with `identity` over the v3 payload for the challenge `nonce`.
nlohmann::json signDeviceProof(const DeviceIdentity& identity, const nlohmann::json& connectParams,
                               const std::string& nonce, std::int64_t signedAtMs);

}  // namespace openclaw::auth
