#include "fleet/cell_storage.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>

#include "core/files.h"
#include "fleet/cell_spec.h"
#include "fleet/tenant.h"

namespace openclaw::fleet {

namespace fs = std::filesystem;

FleetPaths fleetPaths(const fs::path& stateDir) {
  const fs::path root = stateDir / "fleet";
  return FleetPaths{.root = root,
                    .registry = root / "fleet.sqlite",
                    .tmp = root / "tmp",
                    .cells = root / "cells"};
}

std::optional<fs::path> purgeTarget(const FleetPaths& paths, const std::string& tenant) {
  validateTenantId(tenant);
  std::error_code error;
  const fs::path root = fs::canonical(paths.cells, error);
  if (error) return std::nullopt;  // no cells root: nothing of this tenant is left
  const fs::path expected = root / tenant;
  const fs::file_status status = fs::symlink_status(expected, error);
  if (status.type() == fs::file_type::not_found) return std::nullopt;
  if (error) throw std::runtime_error("cannot check " + expected.string() + ": " + error.message());
  if (fs::is_symlink(status)) {
    throw std::runtime_error("refusing to purge " + expected.string() +
                             ": it is a symlink, not the cell's own directory");
  }
  if (!fs::is_directory(status)) {
    throw std::runtime_error("refusing to purge " + expected.string() + ": not a directory");
  }
  const fs::path resolved = fs::canonical(expected);
  if (resolved != expected || resolved.parent_path() != root || resolved.filename() != tenant) {
    throw std::runtime_error("refusing to purge " + resolved.string() + ": it is not exactly " +
                             expected.string());
  }
  return resolved;
}

void prepareCellDir(const fs::path& cellDir, int hostPort) {
  core::ensurePrivateDir(cellDir);
  core::makeOwnerOnly(cellDir);  // also when it existed with wider permissions
  const fs::path config = cellDir / "openclaw.json";
  if (fs::exists(fs::symlink_status(config))) return;
  const std::string origin = "http://127.0.0.1:" + std::to_string(hostPort);
  const nlohmann::json contents = {
      {"gateway",
       {{"mode", "local"},
        {"port", kCellGatewayPort},
        {"bind", "lan"},
        {"auth", {{"mode", "token"}}},
        {"controlUi",
         {{"allowedOrigins", {origin, "http://localhost:" + std::to_string(hostPort)}}}}}}};
  core::writeFileAtomic(config, contents.dump(2) + "\n");
}

void chownTree(const fs::path& dir, unsigned uid, unsigned gid) {
  const auto give = [&](const fs::path& path) {
    if (::lchown(path.c_str(), uid, gid) != 0) {
      throw std::runtime_error("cannot chown " + path.string() + ": " + std::strerror(errno));
    }
  };
  give(dir);
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    give(entry.path());
  }
}

bool selinuxEnabled() {
  std::error_code ignored;
  return fs::exists("/sys/fs/selinux/enforce", ignored);
}

}  // namespace openclaw::fleet
