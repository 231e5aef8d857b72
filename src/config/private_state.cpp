#include "config/private_state.h"

namespace openclaw::config {
namespace fs = std::filesystem;

std::vector<fs::path> privateStatePaths(const InstancePaths& paths) {
  std::vector<fs::path> found;
  std::error_code error;
  if (!fs::is_directory(fs::symlink_status(paths.stateDir, error))) return found;
  found.push_back(paths.stateDir);
  for (const fs::directory_entry& entry : fs::directory_iterator(paths.stateDir, error)) {
    if (entry.is_regular_file(error) && entry.path() != paths.configPath) {
      found.push_back(entry.path());
    }
  }
  for (const char* name : {"identity", "credentials"}) {
    const fs::path dir = paths.stateDir / name;
    if (!fs::is_directory(fs::symlink_status(dir, error))) continue;
    found.push_back(dir);
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir, error)) {
      found.push_back(entry.path());
    }
  }
  return found;
}

}  // namespace openclaw::config
