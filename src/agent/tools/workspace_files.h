#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace openclaw::agent::tools {

// Files larger than this are not read whole by read or edit.
inline constexpr std::size_t kMaxTextFileBytes = 10 * 1024 * 1024;

// The contents of the regular text file at `path` (already resolved inside the workspace;
// `shown` is how the model named it). The last component is opened without following
// symlinks. Throws ToolError for missing files, directories, files over kMaxTextFileBytes and
// binary files (a NUL byte in the first 8 KiB).
std::string readTextFile(const std::filesystem::path& path, const std::string& shown);

// Replaces (or creates) `path` atomically: a temporary file in the same directory, then rename,
// so readers see the old or the new contents and a symlink at `path` is replaced, not followed.
// Keeps an existing file's permissions; new files get rw-r--r-- (less the umask).
void replaceFile(const std::filesystem::path& path, const std::string& contents);

}  // namespace openclaw::agent::tools
