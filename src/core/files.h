#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace openclaw::core {

// The user's home directory: $HOME, else the passwd entry. Throws when neither is known.
std::filesystem::path homeDir();

// Expands a leading "~" or "~/" to homeDir(); other paths are returned unchanged.
std::filesystem::path expandHome(const std::string& path);

// Whole file contents, or nullopt when the file does not exist. Throws on other I/O errors.
std::optional<std::string> readFile(const std::filesystem::path& path);

// Writes `contents` via a temporary file and rename, so readers see the old or the new file,
// never a torn one. Creates missing parent directories (0700). The file gets `mode`.
void writeFileAtomic(const std::filesystem::path& path, const std::string& contents,
                     std::filesystem::perms mode = std::filesystem::perms::owner_read |
                                                   std::filesystem::perms::owner_write);

// Creates `dir` and its parents with owner-only permissions if missing.
void ensurePrivateDir(const std::filesystem::path& dir);

}  // namespace openclaw::core
