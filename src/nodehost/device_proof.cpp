#include "nodehost/device_proof.h"

#include "auth/base64url.h"
#include "auth/device_auth_payload.h"

namespace openclaw::nodehost {

nlohmann::json signDeviceProof(const auth::DeviceIdentity& identity,
                               const nlohmann::json& connectParams, const std::string& nonce,
                               std::int64_t signedAtMs) {
  const nlohmann::json& client = connectParams.at("client");
  auth::DeviceAuthFields fields;
  fields.deviceId = identity.deviceId();
  fields.clientId = client.at("id");
  fields.clientMode = client.at("mode");
  fields.role = connectParams.value("role", "operator");
  fields.scopes = connectParams.value("scopes", std::vector<std::string>{});
  fields.signedAtMs = signedAtMs;
  fields.token = auth::deviceAuthTokenSlot(connectParams.value("auth", nlohmann::json()));
  fields.nonce = nonce;
  fields.platform = client.value("platform", "");
  fields.deviceFamily = client.value("deviceFamily", "");
  return {{"id", fields.deviceId},
          {"publicKey", identity.publicKeyBase64Url()},
          {"signature", auth::base64UrlEncode(identity.sign(auth::deviceAuthPayloadV3(fields)))},
          {"signedAt", signedAtMs},
          {"nonce", nonce}};
}

}  // namespace openclaw::nodehost
