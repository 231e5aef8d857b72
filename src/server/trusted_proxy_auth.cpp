#include "server/trusted_proxy_auth.h"

#include <algorithm>

#include "core/text.h"
#include "protocol/scopes.h"

namespace openclaw::server {
namespace {

// The trimmed value of header `name`, or "" when it is absent or blank.
std::string presentValue(const HeaderMap& headers, const std::string& name) {
  auto found = headers.find(name);
  return found == headers.end() ? "" : core::trimmed(found->second);
}

ProxyAuthVerdict refused(std::string reason) { return {std::nullopt, std::move(reason)}; }

}  // namespace

ProxyAuthVerdict authorizeTrustedProxy(const ClientAttribution& origin, const HeaderMap& headers,
                                       const config::ProxySettings& settings,
                                       const LocalAddresses& localAddresses) {
  if (!settings.trustedProxyAuth) return refused("trusted_proxy_config_missing");
  if (settings.trustedProxies.empty()) return refused("trusted_proxy_no_proxies_configured");
  if (origin.ingress == Ingress::Unattributable) return refused(kProxyAttributionRequired);
  const auto peer = core::parseIpLiteral(origin.peerAddress);
  if (!peer || !settings.isTrustedProxy(*peer)) return refused("trusted_proxy_untrusted_source");
  const config::TrustedProxyAuthSettings& proxy = *settings.trustedProxyAuth;
  const bool loopback = core::isLoopbackIp(*peer);
  if (loopback && !proxy.allowLoopback) return refused("trusted_proxy_loopback_source");
  if (!loopback) {
    const std::vector<std::string> own = localAddresses();
    if (std::find(own.begin(), own.end(), origin.peerAddress) != own.end()) {
      return refused("trusted_proxy_local_interface_source");
    }
  }
  for (const std::string& header : proxy.requiredHeaders) {
    if (presentValue(headers, header).empty()) {
      return refused("trusted_proxy_missing_header_" + header);
    }
  }
  std::string user = presentValue(headers, proxy.userHeader);
  if (user.empty()) return refused("trusted_proxy_user_missing");
  if (!proxy.allowUsers.empty() &&
      std::find(proxy.allowUsers.begin(), proxy.allowUsers.end(), user) == proxy.allowUsers.end()) {
    return refused("trusted_proxy_user_not_allowed");
  }
  if (!origin.viaTrustedProxy()) return refused(kProxyAttributionRequired);
  return {std::move(user), ""};
}

protocol::GatewayError proxyAuthError(const std::string& reason) {
  const bool missingHeader = reason.starts_with("trusted_proxy_missing_header_");
  const std::string message =
      reason == kProxyAttributionRequired
          ? "unauthorized: proxy client attribution is required (configure "
            "gateway.trustedProxies narrowly and make the proxy overwrite or safely rebuild "
            "forwarded client headers)"
          : "unauthorized: trusted proxy authentication failed (" + reason + ")";
  return {protocol::codes::kInvalidRequest,
          message,
          {{"code", missingHeader ? "AUTH_IDENTITY_HEADER_REQUIRED" : "AUTH_UNAUTHORIZED"},
           {"authReason", reason},
           {"canRetryWithDeviceToken", false},
           {"recommendedNextStep", "review_auth_configuration"}},
          std::nullopt,
          std::nullopt};
}

std::vector<std::string> identityScopesFor(const config::ProxySettings& settings,
                                           const std::string& user) {
  const bool email = user.find('@') != std::string::npos;
  auto found = settings.identityScopes.find(email ? core::asciiLowercase(user) : user);
  std::vector<std::string> granted;
  if (found == settings.identityScopes.end()) return granted;
  const auto& known = protocol::knownOperatorScopes();
  for (const std::string& scope : found->second) {
    if (std::find(known.begin(), known.end(), scope) != known.end()) granted.push_back(scope);
  }
  return granted;
}

}  // namespace openclaw::server
