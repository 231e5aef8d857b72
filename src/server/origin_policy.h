#pragma once

#include <optional>
#include <string>

#include "config/gateway_settings.h"
#include "rpc/connection.h"

namespace openclaw::server {

// Why a browser page at `upgrade.origin` may not open the gateway's WebSocket, or nullopt when
// it may (the defence against cross-site WebSocket hijacking; clients that send no Origin are
// not browsers and are not asked). Allowed, as upstream:
// - an origin listed in gateway.controlUi.allowedOrigins ("*" lists every origin);
// - the gateway's own origin (Origin equal to the Host header) when Host names a loopback,
//   private, link-local or carrier-grade NAT address, localhost, a .local or a .ts.net name;
//   for any other Host only with dangerouslyAllowHostHeaderOriginFallback, since a DNS
//   rebinding page sends its own name in both;
// - for a client on loopback, a loopback origin (localhost, 127.x, [::1]) on the gateway's port.
// "null" and malformed origins are refused. Comparison ignores case and default ports.
std::optional<std::string> browserOriginRefusal(const rpc::BrowserUpgrade& upgrade,
                                                const config::ControlUiSettings& policy);

}  // namespace openclaw::server
