#include "core/process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "core/executable_lookup.h"

extern char** environ;

namespace openclaw::core {
namespace {

using Clock = std::chrono::steady_clock;

// Upper bound on one wait, so the cancellation flag is noticed promptly.
constexpr std::chrono::milliseconds kPollSlice{50};

std::string describeSpawnError(int error, const std::string& program) {
  if (error == ENOENT) return "command not found: " + program;
  if (error == EACCES) return "permission denied: " + program;
  return "cannot start " + program + ": " + std::strerror(error);
}

// posix_spawn objects released on scope exit.
struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// Starts `program` with stdin /dev/null, stdout on `outFd` and stderr on `errFd`, in a new
// process group, with the signals a gateway may ignore or block restored to their defaults.
// No other descriptor is inherited: sockets (the gateway's listener above all) are not opened
// with close-on-exec, and a command left running must not keep the gateway's port bound.
// Returns 0 or errno.
int spawnChild(const ProcessSpec& spec, const std::filesystem::path& program, int outFd, int errFd,
               pid_t& pid) {
  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, outFd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, errFd, STDERR_FILENO);
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&setup.actions, spec.cwd.c_str());

  sigset_t noSignals;
  sigemptyset(&noSignals);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGCHLD, SIGUSR1, SIGUSR2}) {
    sigaddset(&defaults, sig);
  }
  posix_spawnattr_setflags(
      &setup.attr,
      static_cast<short>(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
  posix_spawnattr_setpgroup(&setup.attr, 0);
  posix_spawnattr_setsigmask(&setup.attr, &noSignals);
  posix_spawnattr_setsigdefault(&setup.attr, &defaults);

  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  if (spec.environment) {
    for (const std::string& entry : *spec.environment) {
      envp.push_back(const_cast<char*>(entry.c_str()));
    }
    envp.push_back(nullptr);
  }
  return posix_spawn(&pid, program.c_str(), &setup.actions, &setup.attr, argv.data(),
                     spec.environment ? envp.data() : environ);
}

// Watches one started child until it and its output are done. The child's process group id is
// its pid. The leader is only reaped at the very end (waitid with WNOWAIT until then), so its
// pid, and with it the group id, cannot be reused while we may still signal the group.
class Supervisor {
 public:
  // Output read from readFds[0] goes to result.output, from readFds[1] (or -1) to errorOutput.
  Supervisor(const ProcessSpec& spec, pid_t pid, std::array<int, 2> readFds, ProcessResult& result)
      : spec_(spec), pid_(pid), readFds_(readFds), result_(result) {
    const auto fd = ::syscall(SYS_pidfd_open, pid, 0);
    pidFd_ = fd >= 0 ? static_cast<int>(fd) : -1;  // without it, exits are seen per slice
    if (spec.timeout.count() > 0) deadline_ = Clock::now() + spec.timeout;
  }
  ~Supervisor() {
    for (int fd : readFds_) {
      if (fd >= 0) ::close(fd);
    }
    if (pidFd_ >= 0) ::close(pidFd_);
  }
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  void run() {
    for (;;) {
      const auto now = Clock::now();
      if (!leaderExited_ && leaderHasExited()) {
        leaderExited_ = true;
        signalGroup(SIGKILL);  // whatever the command left running in its group
        drainDeadline_ = now + spec_.killGrace;
      }
      if (leaderExited_ && (!outputOpen() || now >= drainDeadline_)) break;
      if (!leaderExited_) enforceLimits(now);
      waitForActivity(nextWake(now) - now);
    }
    reap();
  }

 private:
  bool leaderHasExited() {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == pid_;
  }

  void signalGroup(int sig) { ::kill(-pid_, sig); }

  bool outputOpen() const { return readFds_[0] >= 0 || readFds_[1] >= 0; }

  void enforceLimits(Clock::time_point now) {
    if (phase_ == Phase::Running) {
      const bool cancel = spec_.cancelled != nullptr && spec_.cancelled->load();
      const bool expired = deadline_ && now >= *deadline_;
      if (cancel || expired) {
        result_.cancelled = cancel;
        result_.timedOut = !cancel;
        signalGroup(SIGTERM);
        phase_ = Phase::Terminating;
        graceDeadline_ = now + spec_.killGrace;
      }
    } else if (phase_ == Phase::Terminating && now >= graceDeadline_) {
      signalGroup(SIGKILL);
      phase_ = Phase::Killed;
    }
  }

  Clock::time_point nextWake(Clock::time_point now) const {
    Clock::time_point next = now + kPollSlice;
    if (leaderExited_) return std::min(next, drainDeadline_);
    if (phase_ == Phase::Running && deadline_) next = std::min(next, *deadline_);
    if (phase_ == Phase::Terminating) next = std::min(next, graceDeadline_);
    return next;
  }

  void waitForActivity(Clock::duration wait) {
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    // The read ends first, each at its index in readFds_, then the pidfd.
    std::array<pollfd, 3> fds{{{readFds_[0], POLLIN, 0}, {readFds_[1], POLLIN, 0}, {-1, 0, 0}}};
    if (pidFd_ >= 0 && !leaderExited_) fds[2] = {pidFd_, POLLIN, 0};
    const int ready =
        ::poll(fds.data(), fds.size(), static_cast<int>(std::max<decltype(ms)>(ms, 0)));
    if (ready <= 0) return;
    for (std::size_t i = 0; i < readFds_.size(); ++i) {
      if (readFds_[i] >= 0 && fds[i].revents != 0) readOutput(i);
    }
  }

  void readOutput(std::size_t stream) {
    char buffer[65536];
    const ssize_t n = ::read(readFds_[stream], buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
      ::close(readFds_[stream]);
      readFds_[stream] = -1;
      return;
    }
    const auto size = static_cast<std::size_t>(n);
    result_.totalOutputBytes += size;
    std::string& text = stream == 0 ? result_.output : result_.errorOutput;
    const std::size_t room = spec_.outputLimit - std::min(spec_.outputLimit, text.size());
    text.append(buffer, std::min(size, room));
    if (size > room) result_.truncated = true;
  }

  void reap() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) result_.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result_.termSignal = WTERMSIG(status);
  }

  enum class Phase { Running, Terminating, Killed };

  const ProcessSpec& spec_;
  pid_t pid_;
  std::array<int, 2> readFds_;
  int pidFd_ = -1;
  ProcessResult& result_;
  Phase phase_ = Phase::Running;
  bool leaderExited_ = false;
  std::optional<Clock::time_point> deadline_;
  Clock::time_point graceDeadline_;
  Clock::time_point drainDeadline_;
};

}  // namespace

ProcessResult runProcess(const ProcessSpec& spec) {
  ProcessResult result;
  const auto start = Clock::now();
  const auto finish = [&] {
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return result;
  };
  if (spec.argv.empty() || spec.argv.front().empty()) {
    result.startError = "no program to run";
    return finish();
  }
  std::error_code ignored;
  if (!spec.cwd.empty() && !std::filesystem::is_directory(spec.cwd, ignored)) {
    result.startError = "working directory " + spec.cwd.string() + " does not exist";
    return finish();
  }
  std::filesystem::path program = spec.executable;
  const std::string& name = spec.argv.front();
  if (program.empty() && name.find('/') != std::string::npos) program = name;
  if (program.empty()) {
    auto found = resolveExecutable(name, processPath());
    if (!found) {
      result.startError = describeSpawnError(ENOENT, name);
      return finish();
    }
    program = *found;
  }
  // Read ends first: out[0] (stdout, or both streams) and err[0] (stderr when separate).
  std::array<int, 2> out{-1, -1};
  std::array<int, 2> err{-1, -1};
  if (::pipe2(out.data(), O_CLOEXEC) != 0 ||
      (spec.separateStderr && ::pipe2(err.data(), O_CLOEXEC) != 0)) {
    result.startError = std::string("cannot create a pipe: ") + std::strerror(errno);
    for (int fd : {out[0], out[1]}) {
      if (fd >= 0) ::close(fd);
    }
    return finish();
  }
  pid_t pid = -1;
  const int error = spawnChild(spec, program, out[1], spec.separateStderr ? err[1] : out[1], pid);
  ::close(out[1]);
  if (err[1] >= 0) ::close(err[1]);
  if (error != 0) {
    ::close(out[0]);
    if (err[0] >= 0) ::close(err[0]);
    result.startError = describeSpawnError(error, name);
    return finish();
  }
  result.started = true;
  Supervisor(spec, pid, {out[0], err[0]}, result).run();
  return finish();
}

int startProcessGroup(const ProcessSpec& spec, int outputFd) {
  if (spec.argv.empty() || spec.argv.front().empty()) {
    throw std::runtime_error("no program to run");
  }
  const std::string& name = spec.argv.front();
  std::filesystem::path program = spec.executable;
  if (program.empty() && name.find('/') != std::string::npos) program = name;
  if (program.empty()) {
    auto found = resolveExecutable(name, processPath());
    if (!found) throw std::runtime_error(describeSpawnError(ENOENT, name));
    program = *found;
  }
  pid_t pid = -1;
  const int error = spawnChild(spec, program, outputFd, outputFd, pid);
  if (error != 0) throw std::runtime_error(describeSpawnError(error, name));
  return pid;
}

std::vector<std::string> shellCommand(const std::string& script) {
  return {"/bin/sh", "-c", script};
}

}  // namespace openclaw::core
