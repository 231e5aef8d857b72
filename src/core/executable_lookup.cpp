#include "core/executable_lookup.h"

#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace openclaw::core {
namespace {

std::optional<std::filesystem::path> executableFile(const std::filesystem::path& candidate) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(candidate, ec)) return std::nullopt;
  if (::access(candidate.c_str(), X_OK) != 0) return std::nullopt;
  return candidate;
}

}  // namespace

std::optional<std::filesystem::path> resolveExecutable(const std::string& name,
                                                       const std::string& pathEnv) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    return executableFile(std::filesystem::absolute(name));
  }
  std::stringstream dirs(pathEnv);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;  // an empty entry would mean the working directory: never
    if (auto found = executableFile(std::filesystem::path(dir) / name)) return found;
  }
  return std::nullopt;
}

std::string processPath() {
  const char* path = std::getenv("PATH");
  return path == nullptr ? "" : path;
}

bool allowlistEntryMatches(const std::string& entry, const std::string& program,
                           const std::optional<std::filesystem::path>& resolved) {
  const bool entryIsPath = entry.find('/') != std::string::npos;
  const bool programIsPath = program.find('/') != std::string::npos;
  if (!entryIsPath) return !programIsPath && entry == program;
  if (!resolved) return programIsPath && entry == program;
  std::error_code ec;
  const std::filesystem::path allowed = std::filesystem::weakly_canonical(entry, ec);
  if (ec) return false;
  const std::filesystem::path target = std::filesystem::weakly_canonical(*resolved, ec);
  return !ec && allowed == target;
}

}  // namespace openclaw::core
