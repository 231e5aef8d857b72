#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/gateway_settings.h"
#include "protocol/result.h"
#include "server/client_attribution.h"
#include "server/trusted_proxy_auth.h"

namespace openclaw::server {

// The gateway-credential verdict for one WebSocket connect or HTTP API request.
struct GatewayAuthVerdict {
  // Success, or the error to refuse with (details.code AUTH_*; see checkSharedSecret and
  // proxyAuthError).
  protocol::Result<void> outcome;
  // The user a trusted proxy vouched for (auth mode "trusted-proxy").
  std::optional<std::string> proxyUser;
};

// Decides whether a client may in, in upstream's order: a trusted proxy's request that names no
// usable client is refused in every auth mode (proxy_attribution_required); in mode
// "trusted-proxy" the proxy's identity headers decide (server/trusted_proxy_auth.h), a direct
// local client may still present the configured password, and nothing else gets in; in the
// other modes the shared secret in `authParams` (connect.params.auth; for HTTP the bearer token
// as {"token": ...}) decides. `localAddresses` are this host's addresses (the spoof check).
GatewayAuthVerdict authenticateGatewayClient(const config::GatewaySettings& settings,
                                             const ClientAttribution& origin,
                                             const HeaderMap& headers,
                                             const nlohmann::json& authParams,
                                             const LocalAddresses& localAddresses);

}  // namespace openclaw::server
