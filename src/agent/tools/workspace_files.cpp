#include "agent/tools/workspace_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "agent/tools/tool_error.h"
#include "core/files.h"

namespace openclaw::agent::tools {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBinaryProbeBytes = 8192;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string openError(const std::string& shown, int error) {
  if (error == ENOENT) return "file not found: " + shown;
  if (error == ELOOP) return "cannot open " + shown + ": it is a symlink that changed meanwhile";
  return "cannot open " + shown + ": " + std::strerror(error);
}

}  // namespace

std::string readTextFile(const fs::path& path, const std::string& shown) {
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (file.get() < 0) throw ToolError(openError(shown, errno));
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) throw ToolError(openError(shown, errno));
  if (S_ISDIR(info.st_mode)) {
    throw ToolError(shown + " is a directory; use exec with ls to list it");
  }
  if (!S_ISREG(info.st_mode)) throw ToolError(shown + " is not a regular file");
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > kMaxTextFileBytes) {
    throw ToolError(shown + " is " + std::to_string(size) + " bytes, more than the " +
                    std::to_string(kMaxTextFileBytes) + " bytes this tool reads whole");
  }
  std::string contents(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(file.get(), contents.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw ToolError("cannot read " + shown + ": " + std::strerror(errno));
    if (n == 0) break;  // the file shrank meanwhile
    done += static_cast<std::size_t>(n);
  }
  contents.resize(done);
  if (contents.find('\0') < kBinaryProbeBytes) {
    throw ToolError(shown + " is a binary file (" + std::to_string(size) +
                    " bytes); this tool only shows text");
  }
  return contents;
}

void replaceFile(const fs::path& path, const std::string& contents) {
  struct stat info {};
  const bool exists = ::lstat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
  const auto mode = exists ? static_cast<fs::perms>(info.st_mode & 07777)
                           : fs::perms::owner_read | fs::perms::owner_write |
                                 fs::perms::group_read | fs::perms::others_read;
  core::writeFileAtomic(path, contents, mode);
}

}  // namespace openclaw::agent::tools
