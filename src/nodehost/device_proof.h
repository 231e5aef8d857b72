#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/device_identity.h"

namespace openclaw::nodehost {

// The `device` block of `connectParams` (client, role, scopes and auth already set): the
// identity's public key and its signature over the v3 connect payload for challenge `nonce`.
nlohmann::json signDeviceProof(const auth::DeviceIdentity& identity,
                               const nlohmann::json& connectParams, const std::string& nonce,
                               std::int64_t signedAtMs);

}  // namespace openclaw::nodehost
