#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

// The permissions of `path` (a directory or a regular file; symlinks are not followed) when
// group or others have any; nullopt when only the owner has access, or it is something else or
// absent.
std::optional<std::filesystem::perms> openPermissions(const std::filesystem::path& path);

// Sets `path` (followed when a symlink) to owner-only permissions: 0700 for a directory, 0600
// for anything else. Throws std::filesystem::filesystem_error when it cannot.
void makeOwnerOnly(const std::filesystem::path& path);

// The octal form of `permissions`' mode bits ("644").
std::string modeText(std::filesystem::perms permissions);

// One path tightenPermissions made owner-only, or failed to.
struct PermissionChange {
  std::filesystem::path path;
  std::filesystem::perms before;
  std::string error;  // empty when it is owner-only now
};

// makeOwnerOnly on each of `paths` that openPermissions reports; what it did, in order.
std::vector<PermissionChange> tightenPermissions(const std::vector<std::filesystem::path>& paths);

}  // namespace openclaw::core
