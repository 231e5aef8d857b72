#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace openclaw::nodehost {

// Where `name` runs from: a name with a slash is taken as a path (made absolute), a bare name is
// looked up in `pathEnv` (colon-separated, like $PATH). nullopt when there is no such executable
// regular file. Symlinks are kept as found (`which` reports them so).
std::optional<std::filesystem::path> resolveExecutable(const std::string& name,
                                                       const std::string& pathEnv);

// $PATH of this process ("" when unset).
std::string processPath();

}  // namespace openclaw::nodehost
