#include "service/systemd.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace openclaw::service {
namespace {

std::string firstLine(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "no output" : line;
}

}  // namespace

CommandOutput runCommand(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    const int devNull = ::open("/dev/null", O_RDONLY);
    ::dup2(devNull, STDIN_FILENO);
    ::dup2(pipeFds[1], STDOUT_FILENO);
    ::dup2(pipeFds[1], STDERR_FILENO);
    ::execvp(args[0], args.data());
    static constexpr char kMessage[] = "cannot execute program\n";
    [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
  }
  ::close(pipeFds[1]);
  CommandOutput result;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(pipeFds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipeFds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

CommandOutput systemctl(SystemdScope scope, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"systemctl"};
  if (scope == SystemdScope::User) argv.emplace_back("--user");
  argv.insert(argv.end(), args.begin(), args.end());
  return runCommand(argv);
}

std::optional<std::string> managerProblem(SystemdScope scope) {
  const CommandOutput probe = systemctl(scope, {"show-environment"});
  if (probe.exitCode == 0) return std::nullopt;
  const std::string command = scope == SystemdScope::User ? "systemctl --user show-environment"
                                                          : "systemctl show-environment";
  const std::string reason = probe.exitCode == 127
                                 ? "systemctl not found"
                                 : "'" + command + "' failed: " + firstLine(probe.output);
  if (scope == SystemdScope::User) {
    return "no systemd user manager is running for this user (" + reason +
           "); use 'openclaw gateway' in a terminal or 'openclaw gateway install --system' (as "
           "root) for a system-level service";
  }
  return "systemd is not running as the system manager (" + reason +
         "); run 'openclaw gateway' in a terminal or under another supervisor";
}

std::string currentUserName() {
  if (const passwd* entry = ::getpwuid(::geteuid());
      entry != nullptr && entry->pw_name != nullptr) {
    return entry->pw_name;
  }
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "";
}

bool lingerEnabled(const std::string& user) {
  std::error_code ignored;
  return std::filesystem::exists(std::filesystem::path("/var/lib/systemd/linger") / user, ignored);
}

std::string lingerHint(const std::string& user) {
  return "To keep the gateway running when you are logged out, enable lingering:\n"
         "  sudo loginctl enable-linger " +
         user + "\n";
}

}  // namespace openclaw::service
