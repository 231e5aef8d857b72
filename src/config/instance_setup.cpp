#include "config/instance_setup.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/random_ids.h"

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

}  // namespace openclaw::config
