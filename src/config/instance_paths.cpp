#include "config/instance_paths.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/files.h"

namespace openclaw::config {

Profile Profile::named(const std::string& name) {
  const bool valid = !name.empty() && name.size() <= 64 &&
                     std::all_of(name.begin(), name.end(), [](unsigned char c) {
                       return std::isalnum(c) != 0 || c == '-' || c == '_';
                     });
  if (!valid) {
    throw std::invalid_argument("invalid profile name '" + name +
                                "': use letters, digits, '-' and '_' (at most 64)");
  }
  return Profile{name, name == "dev"};
}

Profile Profile::devProfile() { return Profile{"dev", true}; }

InstancePaths resolveInstancePaths(const Profile& profile, const EnvLookup& env) {
  InstancePaths paths;
  paths.profile = profile;
  if (auto stateDir = env("OPENCLAW_STATE_DIR")) {
    paths.stateDir = core::expandHome(*stateDir);
  } else {
    const std::string dirName = profile.name.empty() ? ".openclaw" : ".openclaw-" + profile.name;
    paths.stateDir = core::homeDir() / dirName;
  }
  if (auto configPath = env("OPENCLAW_CONFIG_PATH")) {
    paths.configPath = core::expandHome(*configPath);
  } else {
    paths.configPath = paths.stateDir / "openclaw.json";
  }
  paths.databasePath = paths.stateDir / "openclaw.db";
  return paths;
}

int defaultPortFor(const Profile& profile) { return profile.dev ? 19001 : 18789; }

std::string cliPrefix(const Profile& profile) {
  if (profile.dev) return "openclaw --dev";
  if (profile.name.empty()) return "openclaw";
  return "openclaw --profile " + profile.name;
}

}  // namespace openclaw::config
