#include "config/instance_setup.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/random_ids.h"
#include "core/state_lock.h"

namespace openclaw::config {

bool ensureInstanceConfig(const InstancePaths& paths) {
  if (std::filesystem::exists(paths.configPath)) return false;
  const std::filesystem::path workspace = paths.stateDir / "workspace";
  const nlohmann::json config = {
      {"gateway",
       {{"mode", "local"},
        {"port", defaultPortFor(paths.profile)},
        {"bind", "loopback"},
        {"auth", {{"mode", "token"}, {"token", core::randomToken()}}}}},
      {"agents", {{"defaults", {{"workspace", workspace.string()}}}}},
  };
  core::ensurePrivateDir(paths.stateDir);
  core::writeFileAtomic(paths.configPath, config.dump(2) + "\n");
  core::ensurePrivateDir(workspace);
  return true;
}

std::vector<std::filesystem::path> resetInstance(const InstancePaths& paths) {
  const core::StateLock lock(paths.stateDir);  // throws while a gateway runs on this state dir
  std::vector<std::filesystem::path> removed;
  const std::filesystem::path db = paths.databasePath;
  for (const std::filesystem::path& target :
       {paths.configPath, paths.stateDir / "credentials", paths.stateDir / "agents",
        paths.stateDir / "workspace", db, std::filesystem::path(db.string() + "-wal"),
        std::filesystem::path(db.string() + "-shm")}) {
    if (std::filesystem::exists(target)) {
      std::filesystem::remove_all(target);
      removed.push_back(target);
    }
  }
  return removed;
}

}  // namespace openclaw::config
