#pragma once

#include <filesystem>
#include <string>

#include "config/environment.h"

namespace openclaw::config {

// Which isolated instance a command addresses: the default one, `--dev`, or `--profile NAME`.
struct Profile {
  std::string name;  // "" for the default instance, "dev" under --dev
  bool dev = false;

  // Validates NAME (letters, digits, '-', '_'); throws std::invalid_argument otherwise.
  static Profile named(const std::string& name);
  static Profile devProfile();
};

// Where an instance keeps its files.
struct InstancePaths {
  Profile profile;
  std::filesystem::path stateDir;      // OPENCLAW_STATE_DIR, else ~/.openclaw[-<profile>]
  std::filesystem::path configPath;    // OPENCLAW_CONFIG_PATH, else <stateDir>/openclaw.json
  std::filesystem::path databasePath;  // <stateDir>/openclaw.db
};

InstancePaths resolveInstancePaths(const Profile& profile, const EnvLookup& env);

// The port an instance listens on when nothing configures one: 19001 under --dev, else 18789.
int defaultPortFor(const Profile& profile);

// "openclaw", "openclaw --dev" or "openclaw --profile NAME": the command prefix that addresses
// this instance, for messages that tell the user what to run.
std::string cliPrefix(const Profile& profile);

}  // namespace openclaw::config
