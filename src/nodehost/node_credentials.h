#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "auth/device_identity.h"

namespace openclaw::nodehost {

// The node host's own files under <stateDir>/identity/ (directory 0700, files 0600):
//   node-device.pem        its Ed25519 private key (created on first run)
//   node-device-token.json {deviceId, gatewayUrl, token}: the device token the gateway issued
class NodeCredentials {
 public:
  explicit NodeCredentials(const std::filesystem::path& stateDir);

  // The device identity, generated and saved on first use.
  auth::DeviceIdentity loadOrCreateIdentity() const;

  // The stored token for this device on `gatewayUrl`, if any.
  std::optional<std::string> deviceToken(const std::string& deviceId,
                                         const std::string& gatewayUrl) const;
  void saveDeviceToken(const std::string& deviceId, const std::string& gatewayUrl,
                       const std::string& token) const;
  // Forgets the token (the gateway rejected it as rotated or revoked).
  void clearDeviceToken() const;

  const std::filesystem::path& identityPath() const { return identityPath_; }

 private:
  std::filesystem::path identityPath_;
  std::filesystem::path tokenPath_;
};

}  // namespace openclaw::nodehost
