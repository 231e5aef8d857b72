#include "fleet/cell_env.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <system_error>

#include "core/files.h"
#include "core/random_ids.h"

namespace openclaw::fleet {
namespace {

constexpr std::size_t kMaxEnvKeyLength = 256;
constexpr std::size_t kMaxEnvValueLength = 32 * 1024;

bool keyStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool keyChar(char c) { return keyStart(c) || (c >= '0' && c <= '9'); }

}  // namespace

bool isManagedEnvKey(const std::string& key) {
  static constexpr std::array<const char*, 8> kManaged{"HOME",
                                                       "OPENCLAW_HOME",
                                                       "OPENCLAW_STATE_DIR",
                                                       "OPENCLAW_CONFIG_PATH",
                                                       "OPENCLAW_GATEWAY_TOKEN",
                                                       "OPENCLAW_GATEWAY_PASSWORD",
                                                       "OPENCLAW_GATEWAY_PORT",
                                                       "OPENCLAW_PROFILE"};
  return std::find(kManaged.begin(), kManaged.end(), key) != kManaged.end();
}

EnvEntry parseEnvAssignment(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) {
    throw std::invalid_argument("--env \"" + text + "\": expected KEY=VALUE");
  }
  EnvEntry entry{text.substr(0, equals), text.substr(equals + 1)};
  if (entry.key.empty() || entry.key.size() > kMaxEnvKeyLength || !keyStart(entry.key.front()) ||
      !std::all_of(entry.key.begin(), entry.key.end(), keyChar)) {
    throw std::invalid_argument("--env key \"" + entry.key +
                                "\": use letters, digits and '_', not starting with a digit");
  }
  if (isManagedEnvKey(entry.key)) {
    throw std::invalid_argument("--env " + entry.key +
                                ": fleet sets this variable itself and it cannot be overridden");
  }
  if (entry.value.find_first_of(std::string("\n\r\0", 3)) != std::string::npos) {
    throw std::invalid_argument("--env " + entry.key + ": the value must be a single line");
  }
  if (entry.value.size() > kMaxEnvValueLength) {
    throw std::invalid_argument("--env " + entry.key + ": the value is longer than 32 KiB");
  }
  return entry;
}

std::vector<EnvEntry> managedEnvironment(const std::string& gatewayToken) {
  return {{"HOME", "/data"},
          {"OPENCLAW_STATE_DIR", "/data"},
          {"OPENCLAW_CONFIG_PATH", "/data/openclaw.json"},
          {"OPENCLAW_GATEWAY_TOKEN", gatewayToken}};
}

std::string envValue(const std::vector<std::string>& environment, const std::string& key) {
  const std::string prefix = key + "=";
  for (const std::string& entry : environment) {
    if (entry.rfind(prefix, 0) == 0) return entry.substr(prefix.size());
  }
  return "";
}

EnvFile::EnvFile(const std::filesystem::path& dir, const std::vector<EnvEntry>& entries) {
  core::ensurePrivateDir(dir);
  std::string contents;
  for (const EnvEntry& entry : entries) contents += entry.key + "=" + entry.value + "\n";
  path_ = dir / ("cell-" + core::randomHex(8) + ".env");
  core::writeFileAtomic(path_, contents);
}

EnvFile::~EnvFile() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

}  // namespace openclaw::fleet
