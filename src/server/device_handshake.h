#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "pairing/pairing_registry.h"
#include "protocol/gateway_error.h"
#include "rpc/connection.h"
#include "server/client_attribution.h"

namespace openclaw::server {

// The device part of a `connect` whose params carry `device`: checks the signed proof against
// this connection's challenge, authenticates by the shared secret or (failing that) the device
// token, and admits the device through pairing. `done` runs on the event loop, possibly later
// (after a pairing write commits): the scopes and hello-ok auth extras, or the error to close
// the connection with (1008). `shared` is the gateway-credential verdict; `origin` says who is
// really calling (its address is recorded, and only a direct local client counts as local).
void admitDeviceConnect(pairing::PairingRegistry& pairing, const nlohmann::json& params,
                        const std::string& challengeNonce, const rpc::Connection& connection,
                        const ClientAttribution& origin, protocol::Result<void> shared,
                        std::function<void(protocol::Result<pairing::DeviceAdmission>)> done);

}  // namespace openclaw::server
