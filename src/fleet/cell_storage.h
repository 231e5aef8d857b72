#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace openclaw::fleet {

// Where fleet keeps its files under an instance's state dir:
//   <stateDir>/fleet/fleet.sqlite        the registry
//   <stateDir>/fleet/tmp/                short-lived env files (0700)
//   <stateDir>/fleet/cells/<tenant>/     each cell's /data (0700)
struct FleetPaths {
  std::filesystem::path root;
  std::filesystem::path registry;
  std::filesystem::path tmp;
  std::filesystem::path cells;
  std::filesystem::path cellDir(const std::string& tenant) const { return cells / tenant; }
};
FleetPaths fleetPaths(const std::filesystem::path& stateDir);

// The directory `fleet rm --purge-data` may delete for `tenant`, or nullopt when it is already
// gone (so a purge can be retried). Throws std::runtime_error unless the directory is exactly
// <cells>/<tenant> after resolving the cells root, a real directory (not a symlink) strictly
// inside that root (std::invalid_argument for a malformed tenant id).
std::optional<std::filesystem::path> purgeTarget(const FleetPaths& paths,
                                                 const std::string& tenant);

// Creates the cell dir (0700) and, when absent, its openclaw.json: a local-mode gateway with
// token auth (the token itself comes from the environment), bound to the container's network on
// the cell port, whose Control UI accepts the loopback origin of `hostPort`. An existing config
// (a cell re-created on kept data) is left as it is.
void prepareCellDir(const std::filesystem::path& cellDir, int hostPort);

// Gives the cell dir and everything in it to uid:gid (the image's user when fleet runs as root).
void chownTree(const std::filesystem::path& dir, unsigned uid, unsigned gid);

// Whether the host enforces SELinux labels (selinuxfs is mounted), so mounts need :Z.
bool selinuxEnabled();

}  // namespace openclaw::fleet
