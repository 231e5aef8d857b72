#include "auth/device_auth_payload.h"

#include <algorithm>

namespace openclaw::auth {
namespace {

std::string joined(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.push_back(separator);
    out += parts[i];
  }
  return out;
}

std::string normalizedMetadata(const std::string& value) {
  const auto first = value.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string::npos) return "";
  const auto last = value.find_last_not_of(" \t\r\n\f\v");
  std::string out = value.substr(first, last - first + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return out;
}

std::vector<std::string> v2Parts(const DeviceAuthFields& fields, const char* version) {
  return {version,
          fields.deviceId,
          fields.clientId,
          fields.clientMode,
          fields.role,
          joined(fields.scopes, ','),
          std::to_string(fields.signedAtMs),
          fields.token,
          fields.nonce};
}

}  // namespace

std::string deviceAuthPayloadV2(const DeviceAuthFields& fields) {
  return joined(v2Parts(fields, "v2"), '|');
}

std::string deviceAuthPayloadV3(const DeviceAuthFields& fields) {
  std::vector<std::string> parts = v2Parts(fields, "v3");
  parts.push_back(normalizedMetadata(fields.platform));
  parts.push_back(normalizedMetadata(fields.deviceFamily));
  return joined(parts, '|');
}

std::string deviceAuthTokenSlot(const nlohmann::json& auth) {
  if (!auth.is_object()) return "";
  for (const char* key : {"token", "deviceToken", "bootstrapToken"}) {
    auto found = auth.find(key);
    if (found != auth.end() && found->is_string()) {
      return found->get<std::string>();
    }
  }
  return "";
}

}  // namespace openclaw::auth
