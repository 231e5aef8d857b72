#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/proxy_settings.h"
#include "protocol/gateway_error.h"
#include "server/client_attribution.h"

namespace openclaw::server {

// Upstream's reason when a request a trusted proxy forwarded names no usable client.
inline constexpr const char* kProxyAttributionRequired = "proxy_attribution_required";

// This host's own addresses, asked only when a check needs them (core::interfaceIPv4Addresses).
using LocalAddresses = std::function<std::vector<std::string>()>;

// The verified user, or why not (upstream's reason code, e.g. trusted_proxy_untrusted_source).
struct ProxyAuthVerdict {
  std::optional<std::string> user;
  std::string reason;
};

// gateway.auth.mode "trusted-proxy" for one request, in upstream's order: the block and
// gateway.trustedProxies are configured; the TCP peer is a trusted proxy; a loopback peer only
// with allowLoopback (trusted_proxy_loopback_source, before any header check); a non-loopback
// peer that is one of this host's own addresses (`localAddresses`) is refused as a spoof
// (trusted_proxy_local_interface_source); every requiredHeaders header and the userHeader are
// present and non-blank (trusted_proxy_missing_header_<name>, trusted_proxy_user_missing); the
// trimmed user is in allowUsers when that is non-empty (trusted_proxy_user_not_allowed); and
// the proxy named the real client (proxy_attribution_required).
ProxyAuthVerdict authorizeTrustedProxy(const ClientAttribution& origin, const HeaderMap& headers,
                                       const config::ProxySettings& settings,
                                       const LocalAddresses& localAddresses);

// The connect error for a failed trusted-proxy check or an unattributable proxy, as upstream:
// details.code AUTH_IDENTITY_HEADER_REQUIRED for a missing required header, AUTH_UNAUTHORIZED
// otherwise; details.authReason is `reason`.
protocol::GatewayError proxyAuthError(const std::string& reason);

// The operator scopes gateway.auth.identityScopes grants `user` (e-mail keys case-insensitive;
// scope names this gateway does not know are dropped).
std::vector<std::string> identityScopesFor(const config::ProxySettings& settings,
                                           const std::string& user);

}  // namespace openclaw::server
