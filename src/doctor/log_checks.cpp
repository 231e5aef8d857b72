#include "doctor/log_checks.h"

#include <unistd.h>

#include <filesystem>

#include "config/gateway_settings.h"
#include "core/logging.h"

namespace openclaw::doctor {

std::string logFilePattern(const std::optional<config::ConfigFile>& file,
                           const config::Profile& profile) {
  const std::string fallback = core::defaultLogFilePattern(profile.name);
  if (!file) return fallback;
  try {
    return config::logFilePattern(*file, profile);
  } catch (const config::ConfigError&) {
    return fallback;  // reported by the config checks
  }
}

std::optional<Finding> checkLogDir(const std::string& pattern, const config::InstancePaths& paths) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::absolute(core::currentLogFile(pattern)).parent_path();
  fs::path existing = dir;
  std::error_code error;
  while (!fs::exists(existing, error) && existing != existing.parent_path()) {
    existing = existing.parent_path();
  }
  const bool isDir = fs::is_directory(existing, error);
  if (isDir && ::access(existing.c_str(), W_OK | X_OK) == 0) return std::nullopt;
  const fs::path suggested = fs::absolute(paths.stateDir) / "logs" / "openclaw-%Y-%m-%d.log";
  return Finding{
      "logging.dir_not_writable", Severity::Error,
      "log directory " + dir.string() + " cannot be written (" + existing.string() +
          (isDir ? " is not writable)" : " is not a directory)"),
      "set logging.file: \"" + suggested.string() + "\" in " + paths.configPath.string()};
}

}  // namespace openclaw::doctor
