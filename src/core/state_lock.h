#pragma once

#include <filesystem>

namespace openclaw::core {

// An exclusive advisory lock (flock) on `<stateDir>/gateway.lock` that keeps a second gateway
// off the same state directory. The kernel drops it when the process dies, so a crash or
// SIGKILL never leaves a stale lock behind. The file records the owner's PID for messages.
class StateLock {
 public:
  // Takes the lock or throws std::runtime_error naming the holder's PID and the remedies.
  explicit StateLock(const std::filesystem::path& stateDir);
  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace openclaw::core
