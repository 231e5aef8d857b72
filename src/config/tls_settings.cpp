#include "config/tls_settings.h"

#include <string>

#include "core/files.h"
#include "core/text.h"

namespace openclaw::config {
namespace {

// The configured path at `pointer`, or nullopt when it is unset or blank.
std::optional<std::filesystem::path> configuredPath(const ConfigFile& config,
                                                    const std::string& pointer) {
  const auto text = config.string(pointer);
  if (!text || core::trimmed(*text).empty()) return std::nullopt;
  return std::filesystem::absolute(core::expandHome(core::trimmed(*text)));
}

std::filesystem::path tlsDir(const InstancePaths& paths) {
  return paths.stateDir / "gateway" / "tls";
}

}  // namespace

std::filesystem::path defaultTlsCertPath(const InstancePaths& paths) {
  return tlsDir(paths) / "gateway-cert.pem";
}

std::filesystem::path defaultTlsKeyPath(const InstancePaths& paths) {
  return tlsDir(paths) / "gateway-key.pem";
}

TlsSettings resolveTlsSettings(const ConfigFile& config, const InstancePaths& paths) {
  TlsSettings tls;
  tls.enabled = config.boolean("/gateway/tls/enabled").value_or(false);
  tls.autoGenerate = config.boolean("/gateway/tls/autoGenerate").value_or(true);
  tls.certPath =
      configuredPath(config, "/gateway/tls/certPath").value_or(defaultTlsCertPath(paths));
  tls.keyPath = configuredPath(config, "/gateway/tls/keyPath").value_or(defaultTlsKeyPath(paths));
  tls.caPath = configuredPath(config, "/gateway/tls/caPath");
  return tls;
}

}  // namespace openclaw::config
