#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace openclaw::core {

// Where `name` runs from: a name with a slash is taken as a path (made absolute), a bare name is
// looked up in `pathEnv` (colon-separated, like $PATH). nullopt when there is no such executable
// regular file. Symlinks are kept as found (`which` reports them so). Empty PATH entries are
// skipped: a bare name is never found in the working directory.
std::optional<std::filesystem::path> resolveExecutable(const std::string& name,
                                                       const std::string& pathEnv);

// $PATH of this process ("" when unset).
std::string processPath();

// Whether an exec allowlist `entry` covers `program` (a program name as written: argv[0] or a
// shell command's first word). A bare entry matches only that same bare name (so allowing "ls"
// does not allow "./ls" or "/tmp/x/ls"). An entry with a slash names an executable file: when
// `resolved` (where `program` was found) is known it matches when both are the same file, with
// symlinks resolved; otherwise only a program written as exactly that path matches.
bool allowlistEntryMatches(const std::string& entry, const std::string& program,
                           const std::optional<std::filesystem::path>& resolved);

}  // namespace openclaw::core
