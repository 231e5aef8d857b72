#include "nodehost/node_credentials.h"

#include <nlohmann/json.hpp>

#include "core/files.h"

namespace openclaw::nodehost {

NodeCredentials::NodeCredentials(const std::filesystem::path& stateDir)
    : identityPath_(stateDir / "identity" / "node-device.pem"),
      tokenPath_(stateDir / "identity" / "node-device-token.json") {}

auth::DeviceIdentity NodeCredentials::loadOrCreateIdentity() const {
  core::ensurePrivateDir(identityPath_.parent_path());
  return auth::DeviceIdentity::loadOrCreate(identityPath_);
}

std::optional<std::string> NodeCredentials::deviceToken(const std::string& deviceId,
                                                        const std::string& gatewayUrl) const {
  const std::optional<std::string> text = core::readFile(tokenPath_);
  if (!text) return std::nullopt;
  const nlohmann::json stored = nlohmann::json::parse(*text, nullptr, false);
  if (!stored.is_object() || stored.value("deviceId", "") != deviceId ||
      stored.value("gatewayUrl", "") != gatewayUrl || !stored.contains("token") ||
      !stored["token"].is_string()) {
    return std::nullopt;
  }
  return stored["token"].get<std::string>();
}

void NodeCredentials::saveDeviceToken(const std::string& deviceId, const std::string& gatewayUrl,
                                      const std::string& token) const {
  core::writeFileAtomic(
      tokenPath_,
      nlohmann::json{{"deviceId", deviceId}, {"gatewayUrl", gatewayUrl}, {"token", token}}.dump(2) +
          "\n");
}

void NodeCredentials::clearDeviceToken() const {
  std::error_code ignored;
  std::filesystem::remove(tokenPath_, ignored);
}

}  // namespace openclaw::nodehost
