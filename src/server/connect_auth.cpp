#include "server/connect_auth.h"

#include "auth/shared_secret_auth.h"
#include "core/json_fields.h"
#include "server/trusted_proxy_auth.h"

namespace openclaw::server {

GatewayAuthVerdict authenticateGatewayClient(const config::GatewaySettings& settings,
                                             const ClientAttribution& origin,
                                             const HeaderMap& headers,
                                             const nlohmann::json& authParams,
                                             const LocalAddresses& localAddresses) {
  if (origin.ingress == Ingress::Unattributable) {
    return {proxyAuthError(kProxyAttributionRequired), std::nullopt};
  }
  if (settings.auth.mode != config::AuthMode::TrustedProxy) {
    return {auth::checkSharedSecret(settings.auth, authParams, origin.directLocal()), std::nullopt};
  }
  ProxyAuthVerdict verdict = authorizeTrustedProxy(origin, headers, settings.proxy, localAddresses);
  if (verdict.user) return {{}, std::move(verdict.user)};
  const bool passwordPresented =
      authParams.is_object() && !core::stringField(authParams, "password").value_or("").empty();
  if (origin.directLocal() && !settings.auth.secret.empty() && passwordPresented) {
    return {auth::checkSharedSecret(settings.auth, authParams, true), std::nullopt};
  }
  return {proxyAuthError(verdict.reason), std::nullopt};
}

}  // namespace openclaw::server
