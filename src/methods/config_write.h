#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "protocol/result.h"

namespace openclaw::methods {

// The largest `raw` a config write accepts, and the largest file config.get returns.
inline constexpr std::size_t kMaxConfigBytes = 1024 * 1024;

using ConfigResolver = std::function<config::GatewaySettings(const config::ConfigFile&)>;

// One problem that makes a config invalid, as upstream reports it: the dotted key ("" for the
// file as a whole) and what is wrong.
nlohmann::json configIssue(const std::exception& error);

// The config file as it is on disk.
struct StoredConfig {
  bool exists = false;
  std::string raw;
  std::string hash;                                  // empty when it does not exist
  nlohmann::json parsed = nlohmann::json::object();  // null when it does not parse
  nlohmann::json issues = nlohmann::json::array();   // why it does not parse or resolve
};

// Reads and checks `path` (blocking: on the storage pool). Files over kMaxConfigBytes are
// reported as an issue, not read.
StoredConfig readStoredConfig(const std::filesystem::path& path, const ConfigResolver& resolve);

// config.set and config.apply replace the file with `raw`; config.patch merge-patches it.
struct ConfigWriteRequest {
  bool patch = false;
  std::string raw;
  std::optional<std::string> baseHash;
  std::vector<std::string> replacePaths;  // config.patch: arrays it may shrink or delete
};

// A write that reached the disk (or, for a patch that changes nothing, did not need to).
struct ConfigWritten {
  config::GatewaySettings next;  // what the gateway resolves from the new file
  nlohmann::json config;         // the new file's object, secrets included
  std::string hash;              // the new file's hash
  std::vector<std::string> changedPaths;
  bool noop = false;  // a patch that changed nothing; the file was left alone
};

// The whole write, blocking (on the storage pool, which also serializes writes): checks baseHash
// against the file, parses `raw` (JSON5), applies the patch, puts stored secrets back where the
// input has kRedactedValue, validates with `resolve`, then replaces the file atomically with
// owner-only permissions. Any failure is INVALID_REQUEST and leaves the file untouched.
protocol::Result<ConfigWritten> writeConfig(const std::filesystem::path& path,
                                            const ConfigWriteRequest& request,
                                            const ConfigResolver& resolve);

}  // namespace openclaw::methods
