#include "core/files.h"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/random_ids.h"

namespace openclaw::core {
namespace fs = std::filesystem;

fs::path homeDir() {
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return home;
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr && entry->pw_dir != nullptr) {
    return entry->pw_dir;
  }
  throw std::runtime_error("cannot determine the home directory: set HOME");
}

fs::path expandHome(const std::string& path) {
  if (path == "~") return homeDir();
  if (path.rfind("~/", 0) == 0) return homeDir() / path.substr(2);
  return path;
}

std::optional<std::string> readFile(const fs::path& path) {
  std::error_code ignored;
  if (fs::is_directory(path, ignored)) {
    throw std::runtime_error("cannot read " + path.string() + ": it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::nullopt;
    throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

void ensurePrivateDir(const fs::path& dir) {
  if (dir.empty() || fs::is_directory(dir)) return;
  ensurePrivateDir(dir.parent_path());  // every directory made here is owner-only
  fs::create_directory(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
}

std::optional<fs::perms> openPermissions(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (error || (!fs::is_directory(status) && !fs::is_regular_file(status))) return std::nullopt;
  const fs::perms groupOrOthers = fs::perms::group_all | fs::perms::others_all;
  if ((status.permissions() & groupOrOthers) == fs::perms::none) return std::nullopt;
  return status.permissions();
}

void makeOwnerOnly(const fs::path& path) {
  const fs::perms ownerOnly = fs::is_directory(path)
                                  ? fs::perms::owner_all
                                  : fs::perms::owner_read | fs::perms::owner_write;
  fs::permissions(path, ownerOnly, fs::perm_options::replace);
}

std::string modeText(fs::perms permissions) {
  char text[8];
  std::snprintf(text, sizeof(text), "%03o", static_cast<unsigned>(permissions & fs::perms::mask));
  return text;
}

std::vector<PermissionChange> tightenPermissions(const std::vector<fs::path>& paths) {
  std::vector<PermissionChange> changes;
  for (const fs::path& path : paths) {
    const std::optional<fs::perms> before = openPermissions(path);
    if (!before) continue;
    PermissionChange change{path, *before, ""};
    try {
      makeOwnerOnly(path);
    } catch (const fs::filesystem_error& error) {
      change.error = error.code().message();
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

void writeFileAtomic(const fs::path& path, const std::string& contents, fs::perms mode) {
  ensurePrivateDir(path.parent_path());
  const fs::path temp = path.string() + ".tmp-" + randomHex(4);
  const int fd =
      ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) {
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
  }
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(error));
    }
    written += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  fs::rename(temp, path);
}

}  // namespace openclaw::core
