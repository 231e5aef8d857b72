#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config_file.h"
#include "core/ip_range.h"

namespace openclaw::config {

// gateway.auth.trustedProxy: what a trusted reverse proxy must send for trusted-proxy auth.
struct TrustedProxyAuthSettings {
  std::string userHeader;                    // lower-case header name carrying the user
  std::vector<std::string> requiredHeaders;  // lower-case names that must be present, non-blank
  std::vector<std::string> allowUsers;       // exact (trimmed) users; empty: every user
  bool allowLoopback = false;                // a loopback proxy (same host) may authenticate
  bool operator==(const TrustedProxyAuthSettings&) const = default;
};

// Reverse-proxy settings: which TCP peers are proxies whose forwarding headers are believed
// (server/client_attribution.h) and, for gateway.auth.mode "trusted-proxy", the identity
// headers (auth/trusted_proxy_auth.h). All of it applies live on a config reload.
struct ProxySettings {
  std::vector<core::IpRange> trustedProxies;  // gateway.trustedProxies
  std::vector<std::string> trustedProxyText;  // the same entries as written (for messages)
  bool allowRealIpFallback = false;           // gateway.allowRealIpFallback
  // gateway.auth.trustedProxy, when the config has the block.
  std::optional<TrustedProxyAuthSettings> trustedProxyAuth;
  // gateway.auth.identityScopes: session-only operator scopes for verified identities; e-mail
  // keys (containing '@') are stored lower-case.
  std::map<std::string, std::vector<std::string>> identityScopes;
  bool operator==(const ProxySettings&) const = default;

  bool isTrustedProxy(const boost::asio::ip::address& peer) const;
};

// Reads gateway.trustedProxies, gateway.allowRealIpFallback, gateway.auth.trustedProxy and
// gateway.auth.identityScopes.
// Throws ConfigError naming the entry for a trustedProxies entry that is neither an address nor
// a CIDR range, and, when `trustedProxyMode` (gateway.auth.mode "trusted-proxy"), for a missing
// gateway.auth.trustedProxy block or a blank userHeader, as upstream refuses to start.
ProxySettings resolveProxySettings(const ConfigFile& config, bool trustedProxyMode);

}  // namespace openclaw::config
