#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace openclaw::fleet {

struct EnvEntry {
  std::string key;
  std::string value;
};

// Parses one `--env KEY=VALUE`: KEY is [A-Za-z_][A-Za-z0-9_]*, VALUE a single line (the runtime
// reads it from an env file, one entry per line). Keys fleet sets itself (isManagedEnvKey) are
// refused. Throws std::invalid_argument.
EnvEntry parseEnvAssignment(const std::string& text);

// The variables fleet owns inside a cell: the state and config paths, HOME, and the gateway's
// auth and port. A tenant's --env may not override them.
bool isManagedEnvKey(const std::string& key);

// What fleet sets in every cell, in order: the paths under /data and the gateway token.
std::vector<EnvEntry> managedEnvironment(const std::string& gatewayToken);

// The value of KEY in a runtime's "KEY=VALUE" environment list (container inspect's Config.Env).
std::string envValue(const std::vector<std::string>& environment, const std::string& key);

// A mode-0600 env file for `--env-file`, written into `dir` (created 0700) under a random name
// and deleted when this object goes away, so the token and --env values never appear in the
// runtime's argv and do not outlive the command that reads them.
class EnvFile {
 public:
  EnvFile(const std::filesystem::path& dir, const std::vector<EnvEntry>& entries);
  ~EnvFile();
  EnvFile(const EnvFile&) = delete;
  EnvFile& operator=(const EnvFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace openclaw::fleet
