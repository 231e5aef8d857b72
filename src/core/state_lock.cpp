#include "core/state_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/files.h"

namespace openclaw::core {

StateLock::StateLock(const std::filesystem::path& stateDir) : path_(stateDir / "gateway.lock") {
  ensurePrivateDir(stateDir);
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    throw std::runtime_error("cannot open lock file " + path_.string() + ": " +
                             std::strerror(errno));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    char holder[32] = {};
    const ssize_t n = ::pread(fd_, holder, sizeof(holder) - 1, 0);
    ::close(fd_);
    fd_ = -1;
    if (error != EWOULDBLOCK) {
      throw std::runtime_error("cannot lock " + path_.string() + ": " + std::strerror(error));
    }
    std::string pid = n > 0 ? std::string(holder, static_cast<std::size_t>(n)) : "unknown";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    throw std::runtime_error("another gateway (pid " + pid + ") already owns the state directory " +
                             stateDir.string() +
                             "; stop it first, or run this one with its own --profile NAME or "
                             "OPENCLAW_STATE_DIR");
  }
  // The PID note only improves other processes' messages; the flock is what excludes them.
  const std::string pid = std::to_string(::getpid()) + "\n";
  [[maybe_unused]] const bool noted =
      ::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) > 0;
}

StateLock::~StateLock() {
  // The file stays: unlinking it would let a waiter lock an orphaned inode.
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace openclaw::core
