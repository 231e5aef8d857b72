#include "methods/config_write.h"

#include <algorithm>

#include "config/config_diff.h"
#include "config/config_redaction.h"
#include "config/json5.h"
#include "core/digest.h"
#include "core/files.h"

namespace openclaw::methods {
namespace {

using nlohmann::json;
using protocol::GatewayError;

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// A ConfigFile of `root` as the contents of `path`, without positions: errors about a value
// name its key, not a line of text the caller never wrote.
config::ConfigFile candidateFile(const std::filesystem::path& path, const json& root,
                                 const std::string& text) {
  config::ConfigFile file;
  file.path = path;
  file.exists = true;
  file.hash = core::sha256Hex(text);
  file.root = root;
  return file;
}

protocol::Result<void> checkBaseHash(const StoredConfig& stored,
                                     const std::optional<std::string>& baseHash) {
  if (!stored.exists) return {};  // a first write has nothing to conflict with
  if (!baseHash) {
    return GatewayError::invalidRequest("config base hash required; re-run config.get and retry");
  }
  if (*baseHash != stored.hash) {
    return GatewayError::invalidRequest(
        "config changed since last load; re-run config.get and retry");
  }
  return {};
}

protocol::Result<json> parseRaw(const std::string& raw) {
  json parsed;
  try {
    parsed = config::parseJson5(raw);
  } catch (const config::Json5Error& error) {
    return GatewayError::invalidRequest(std::string("raw is not valid JSON5: ") + error.what());
  }
  if (!parsed.is_object()) {
    return GatewayError::invalidRequest("raw must be an object ({ ... })");
  }
  return parsed;
}

// The stored config merge-patched with `patch`, refusing to drop array items the request did
// not name in replacePaths.
protocol::Result<json> patched(const StoredConfig& stored, const json& patch,
                               const std::vector<std::string>& replacePaths) {
  if (stored.parsed.is_null() || !stored.issues.empty()) {
    return GatewayError::invalidRequest("invalid config; fix before patching",
                                        json{{"issues", stored.issues}});
  }
  std::vector<std::string> unconfirmed;
  for (const std::string& path : config::arrayRemovals(stored.parsed, patch)) {
    if (std::find(replacePaths.begin(), replacePaths.end(), path) == replacePaths.end()) {
      unconfirmed.push_back(path);
    }
  }
  if (!unconfirmed.empty()) {
    return GatewayError::invalidRequest(
        "config.patch would remove array entries at " + joined(unconfirmed) +
            "; list them in replacePaths to confirm, or use config.apply",
        json{{"paths", unconfirmed}});
  }
  json merged = stored.parsed;
  merged.merge_patch(patch);
  return merged;
}

}  // namespace

json configIssue(const std::exception& error) {
  const auto* configError = dynamic_cast<const config::ConfigError*>(&error);
  return {{"path", configError != nullptr ? configError->key() : ""}, {"message", error.what()}};
}

StoredConfig readStoredConfig(const std::filesystem::path& path, const ConfigResolver& resolve) {
  StoredConfig stored;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxConfigBytes) {
    stored.exists = true;
    stored.parsed = nullptr;
    stored.issues.push_back({{"path", ""},
                             {"message", path.string() + " is larger than " +
                                             std::to_string(kMaxConfigBytes) + " bytes"}});
    return stored;
  }
  std::optional<std::string> text = core::readFile(path);
  if (!text) return stored;
  stored.exists = true;
  stored.raw = std::move(*text);
  stored.hash = core::sha256Hex(stored.raw);
  try {
    const config::ConfigFile file = config::ConfigFile::parse(path, stored.raw);
    stored.parsed = file.root;
    resolve(file);
  } catch (const std::exception& error) {
    stored.issues.push_back(configIssue(error));
  }
  return stored;
}

protocol::Result<ConfigWritten> writeConfig(const std::filesystem::path& path,
                                            const ConfigWriteRequest& request,
                                            const ConfigResolver& resolve) {
  const StoredConfig stored = readStoredConfig(path, resolve);
  if (auto fresh = checkBaseHash(stored, request.baseHash); !fresh) return fresh.error();
  auto input = parseRaw(request.raw);
  if (!input) return input.error();
  auto candidate = request.patch ? patched(stored, *input, request.replacePaths) : input;
  if (!candidate) return candidate.error();

  ConfigWritten written;
  const json storedObject = stored.parsed.is_object() ? stored.parsed : json::object();
  try {
    written.config = config::restoreRedacted(std::move(*candidate), storedObject);
  } catch (const config::UnrestorableRedaction& error) {
    return GatewayError::invalidRequest(error.what());
  }
  const std::string text = written.config.dump(2) + "\n";
  try {
    written.next = resolve(candidateFile(path, written.config, text));
  } catch (const std::exception& error) {
    return GatewayError::invalidRequest(std::string("invalid config: ") + error.what(),
                                        json{{"issues", json::array({configIssue(error)})}});
  }
  written.changedPaths = config::changedConfigPaths(storedObject, written.config);
  written.noop = request.patch && written.changedPaths.empty();
  if (written.noop) {
    written.hash = stored.hash;
    written.next.configHash = stored.hash;
    return written;
  }
  core::writeFileAtomic(path, text);
  written.hash = written.next.configHash;
  return written;
}

}  // namespace openclaw::methods
