#include "server/device_handshake.h"

#include <algorithm>

#include "auth/base64url.h"
#include "auth/device_auth.h"
#include "core/clock.h"
#include "core/json_fields.h"
#include "protocol/scopes.h"

namespace openclaw::server {
namespace {

// The requested operator scopes this gateway knows, without duplicates.
std::vector<std::string> knownRequestedScopes(const nlohmann::json& params) {
  std::vector<std::string> scopes;
  const auto& known = protocol::knownOperatorScopes();
  for (const auto& scope : params.value("scopes", std::vector<std::string>{})) {
    if (std::find(known.begin(), known.end(), scope) != known.end() &&
        std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) {
      scopes.push_back(scope);
    }
  }
  return scopes;
}

pairing::DeviceConnect deviceConnectFrom(const nlohmann::json& params,
                                         const rpc::Connection& connection,
                                         const ClientAttribution& origin) {
  const nlohmann::json& client = params.at("client");
  pairing::DeviceConnect connect;
  connect.deviceId = params.at("device").at("id");
  // Canonical base64url, so padding or the standard alphabet do not make a different device.
  connect.publicKey = auth::base64UrlEncode(
      auth::base64UrlDecode(params.at("device").at("publicKey").get<std::string>()).value_or(""));
  connect.role = params.value("role", "operator");
  connect.scopes = knownRequestedScopes(params);
  connect.displayName = core::stringField(client, "displayName");
  connect.platform = core::stringField(client, "platform");
  connect.deviceFamily = core::stringField(client, "deviceFamily");
  connect.clientId = client.at("id");
  connect.clientMode = client.at("mode");
  connect.remoteIp = origin.clientAddress;
  // As upstream, a browser page on loopback is approved silently only as an operator UI (the
  // Control UI or webchat); any other client a page claims to be needs an approval.
  const bool operatorUi = connect.clientId == "openclaw-control-ui" ||
                          connect.clientId == "openclaw-tui" || connect.clientId == "webchat-ui" ||
                          connect.clientMode == "webchat";
  connect.local = origin.directLocal() && (!connection.browser() || operatorUi);
  return connect;
}

}  // namespace

void admitDeviceConnect(pairing::PairingRegistry& pairing, const nlohmann::json& params,
                        const std::string& challengeNonce, const rpc::Connection& connection,
                        const ClientAttribution& origin, protocol::Result<void> shared,
                        std::function<void(protocol::Result<pairing::DeviceAdmission>)> done) {
  if (auto proof = auth::verifyDeviceProof(params, challengeNonce, core::nowMs()); !proof) {
    return done(proof.error());
  }
  const pairing::DeviceConnect connect = deviceConnectFrom(params, connection, origin);
  if (shared) return pairing.admit(connect, std::move(done));

  // No valid shared secret: the device token (explicit, or carried in auth.token) may stand in.
  const nlohmann::json auth = params.value("auth", nlohmann::json::object());
  const std::optional<std::string> deviceToken = core::stringField(auth, "deviceToken");
  const std::optional<std::string> candidate =
      deviceToken ? deviceToken : core::stringField(auth, "token");
  if (!candidate) return done(shared.error());
  auto checked =
      pairing.checkDeviceToken(connect.deviceId, connect.role, *candidate, connect.scopes);
  if (!checked) return done(deviceToken ? checked.error() : shared.error());
  done(pairing::DeviceAdmission{std::move(checked).value(), nlohmann::json::object()});
}

}  // namespace openclaw::server
