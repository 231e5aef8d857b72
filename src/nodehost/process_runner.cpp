#include "nodehost/process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace openclaw::nodehost {
namespace {

// Exit code a child uses to report that exec or chdir failed; the reason travels on errorPipe.
constexpr int kSpawnFailed = 127;

struct Pipe {
  int read = -1;
  int write = -1;
};

Pipe makePipe() {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  return {fds[0], fds[1]};
}

// Appends what `fd` has to `text` (up to `cap`); false at end of file.
bool drain(int fd, std::string& text, std::size_t cap, bool& truncated) {
  std::array<char, 8192> buffer{};
  const ssize_t got = ::read(fd, buffer.data(), buffer.size());
  if (got < 0) return errno == EINTR || errno == EAGAIN;
  if (got == 0) return false;
  const auto size = static_cast<std::size_t>(got);
  const std::size_t room = text.size() < cap ? cap - text.size() : 0;
  text.append(buffer.data(), std::min(room, size));
  if (size > room) truncated = true;
  return true;
}

}  // namespace

ProcessResult runProcess(const ProcessSpec& spec) {
  ProcessResult result;
  Pipe out = makePipe();
  Pipe err = makePipe();
  Pipe failure = makePipe();  // carries errno when exec/chdir fails; closes on exec
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const std::string cwd = spec.cwd ? spec.cwd->string() : "";

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Child: async-signal-safe calls only.
    ::setpgid(0, 0);
    const int devNull = ::open("/dev/null", O_RDONLY);
    ::dup2(devNull, 0);
    ::dup2(out.write, 1);
    ::dup2(err.write, 2);
    int code = 0;
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
      code = errno;
    } else {
      ::execv(spec.executable.c_str(), argv.data());
      code = errno;
    }
    [[maybe_unused]] auto written = ::write(failure.write, &code, sizeof code);
    ::_exit(kSpawnFailed);
  }
  // Also from the parent, so the group exists before anyone may signal it.
  ::setpgid(pid, pid);
  if (spec.children != nullptr) spec.children->add(pid);
  ::close(out.write);
  ::close(err.write);
  ::close(failure.write);
  int spawnErrno = 0;
  if (::read(failure.read, &spawnErrno, sizeof spawnErrno) == sizeof spawnErrno) {
    result.error = (cwd.empty() ? "cannot run " + spec.executable.string()
                                : "cannot run " + spec.executable.string() + " in " + cwd) +
                   ": " + std::strerror(spawnErrno);
  }
  ::close(failure.read);

  const auto deadline = std::chrono::steady_clock::now() + spec.timeout;
  std::array<pollfd, 2> fds{{{out.read, POLLIN, 0}, {err.read, POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&result.stdoutText, &result.stderrText};
  int open = 2;
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timedOut = true;
      ::kill(-pid, SIGKILL);
      break;
    }
    if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) {
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      if (!drain(fds[i].fd, *sinks[i], spec.maxOutputBytes, result.truncated)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
  }
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  if (spec.children != nullptr) spec.children->remove(pid);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace openclaw::nodehost
