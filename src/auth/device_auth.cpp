#include "auth/device_auth.h"

#include "auth/base64url.h"
#include "auth/device_auth_payload.h"
#include "auth/device_identity.h"
#include "core/text.h"

namespace openclaw::auth {
namespace {

protocol::GatewayError deviceAuthError(const char* code, const char* reason, const char* message) {
  return protocol::GatewayError::invalidRequest(message, {{"code", code}, {"reason", reason}});
}

DeviceAuthFields signedFields(const nlohmann::json& params, const std::string& deviceId,
                              std::int64_t signedAt, const std::string& nonce) {
  const nlohmann::json& client = params.at("client");
  DeviceAuthFields fields;
  fields.deviceId = deviceId;
  fields.clientId = client.at("id");
  fields.clientMode = client.at("mode");
  fields.role = params.value("role", "operator");
  fields.scopes = params.value("scopes", std::vector<std::string>{});
  fields.signedAtMs = signedAt;
  fields.token = deviceAuthTokenSlot(params.value("auth", nlohmann::json()));
  fields.nonce = nonce;
  fields.platform = client.value("platform", "");
  fields.deviceFamily = client.value("deviceFamily", "");
  return fields;
}

}  // namespace

protocol::Result<void> verifyDeviceProof(const nlohmann::json& params,
                                         const std::string& challengeNonce, std::int64_t nowMs) {
  const nlohmann::json& device = params.at("device");
  const std::optional<std::string> publicKey =
      base64UrlDecode(device.at("publicKey").get<std::string>());
  if (!publicKey || publicKey->size() != 32) {
    return deviceAuthError("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device-public-key",
                           "device public key invalid");
  }
  const std::string deviceId = device.at("id");
  if (deviceIdForPublicKey(*publicKey) != deviceId) {
    return deviceAuthError("DEVICE_AUTH_DEVICE_ID_MISMATCH", "device-id-mismatch",
                           "device identity mismatch");
  }
  const std::int64_t signedAt = device.at("signedAt");
  if (signedAt > nowMs + kDeviceSignatureSkewMs || signedAt < nowMs - kDeviceSignatureSkewMs) {
    return deviceAuthError("DEVICE_AUTH_SIGNATURE_EXPIRED", "device-signature-stale",
                           "device signature expired");
  }
  const std::string nonce = core::trimmed(device.at("nonce"), core::kLineWhitespace);
  if (nonce.empty()) {
    return deviceAuthError("DEVICE_AUTH_NONCE_REQUIRED", "device-nonce-missing",
                           "device nonce required");
  }
  if (nonce != challengeNonce) {
    return deviceAuthError("DEVICE_AUTH_NONCE_MISMATCH", "device-nonce-mismatch",
                           "device nonce mismatch");
  }
  const std::optional<std::string> signature =
      base64UrlDecode(device.at("signature").get<std::string>());
  const DeviceAuthFields fields = signedFields(params, deviceId, signedAt, nonce);
  if (!signature || !(verifyEd25519(*publicKey, deviceAuthPayloadV3(fields), *signature) ||
                      verifyEd25519(*publicKey, deviceAuthPayloadV2(fields), *signature))) {
    return deviceAuthError("DEVICE_AUTH_SIGNATURE_INVALID", "device-signature",
                           "device signature invalid");
  }
  return {};
}

nlohmann::json signDeviceProof(const DeviceIdentity& identity, const nlohmann::json& connectParams,
                               const std::string& nonce, std::int64_t signedAtMs) {
  const std::string deviceId = identity.deviceId();
  const std::string payload =
      deviceAuthPayloadV3(signedFields(connectParams, deviceId, signedAtMs, nonce));
  return {{"id", deviceId},
          {"publicKey", identity.publicKeyBase64Url()},
          {"signature", base64UrlEncode(identity.sign(payload))},
          {"signedAt", signedAtMs},
          {"nonce", nonce}};
}

}  // namespace openclaw::auth
