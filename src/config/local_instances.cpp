#include "config/local_instances.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

#include "config/config_file.h"

namespace openclaw::config {
namespace {

namespace fs = std::filesystem;

// The profile a state directory's name belongs to, if it is one of ours.
std::optional<Profile> profileForDirName(const std::string& name) {
  static const std::string kPrefix = ".openclaw";
  if (name == kPrefix) return Profile{};
  if (name.rfind(kPrefix + "-", 0) != 0) return std::nullopt;
  try {
    return Profile::named(name.substr(kPrefix.size() + 1));
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

// The paths of the instance kept in `stateDir`: resolveInstancePaths with that directory as the
// state dir and no other override.
InstancePaths pathsIn(const Profile& profile, const fs::path& stateDir) {
  return resolveInstancePaths(profile, [&](const std::string& name) -> std::optional<std::string> {
    if (name == "OPENCLAW_STATE_DIR") return stateDir.string();
    return std::nullopt;
  });
}

}  // namespace

std::vector<InstancePaths> findLocalInstances(const fs::path& home) {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(home, error)) {
    std::error_code ignored;
    if (entry.is_directory(ignored)) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  std::vector<InstancePaths> instances;
  for (const std::string& name : names) {
    if (auto profile = profileForDirName(name)) instances.push_back(pathsIn(*profile, home / name));
  }
  return instances;
}

ClientTarget ownClientTarget(const InstancePaths& paths) {
  const EnvLookup noEnvironment = [](const std::string&) { return std::nullopt; };
  return resolveClientTarget(ConfigFile::load(paths.configPath), paths, {}, noEnvironment);
}

}  // namespace openclaw::config
