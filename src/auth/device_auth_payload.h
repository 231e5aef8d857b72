#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::auth {

// What a device signs during `connect` to prove it holds its key and saw this connection's
// challenge. Field order and formatting are the wire contract shared with upstream clients.
struct DeviceAuthFields {
  std::string deviceId;
  std::string clientId;
  std::string clientMode;
  std::string role;
  std::vector<std::string> scopes;
  std::int64_t signedAtMs = 0;
  std::string token;  // see deviceAuthTokenSlot
  std::string nonce;
  std::string platform;
  std::string deviceFamily;
};

// "v2|deviceId|clientId|clientMode|role|scope,scope|signedAtMs|token|nonce"
std::string deviceAuthPayloadV2(const DeviceAuthFields& fields);

// The v2 fields, then platform and deviceFamily (trimmed, ASCII-lowercased), prefixed "v3".
std::string deviceAuthPayloadV3(const DeviceAuthFields& fields);

// The token a signature covers: the first of connect.params.auth.token, .deviceToken,
// .bootstrapToken that is present (even empty, as upstream's `??` chain), else "".
std::string deviceAuthTokenSlot(const nlohmann::json& auth);

}  // namespace openclaw::auth
