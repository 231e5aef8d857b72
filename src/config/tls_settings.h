#pragma once

#include <filesystem>
#include <optional>

#include "config/config_file.h"
#include "config/instance_paths.h"

namespace openclaw::config {

// gateway.tls: TLS on the gateway's own listener (wss:// and https:// on the same port).
struct TlsSettings {
  bool enabled = false;  // gateway.tls.enabled
  bool autoGenerate =
      true;  // gateway.tls.autoGenerate: make a self-signed pair when both are missing
  std::filesystem::path certPath;  // gateway.tls.certPath, else defaultTlsCertPath()
  std::filesystem::path keyPath;   // gateway.tls.keyPath, else defaultTlsKeyPath()
  // gateway.tls.caPath: PEM certificates the gateway sends along with its own (the chain up to a
  // private CA); unset: the cert file's chain only.
  std::optional<std::filesystem::path> caPath;
  bool operator==(const TlsSettings&) const = default;
};

// Upstream's default locations, which the official CLI reads to pin a local gateway:
// <stateDir>/gateway/tls/gateway-cert.pem and gateway-key.pem.
std::filesystem::path defaultTlsCertPath(const InstancePaths& paths);
std::filesystem::path defaultTlsKeyPath(const InstancePaths& paths);

// Paths are expanded ("~/") and made absolute; an empty or blank path means the default.
// Throws ConfigError (pointing at the value) for a wrong type.
TlsSettings resolveTlsSettings(const ConfigFile& config, const InstancePaths& paths);

}  // namespace openclaw::config
