#include "service/systemd.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "core/run_command.h"

namespace openclaw::service {
namespace {

std::string firstLine(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "no output" : line;
}

}  // namespace

core::CommandOutput systemctl(SystemdScope scope, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"systemctl"};
  if (scope == SystemdScope::User) argv.emplace_back("--user");
  argv.insert(argv.end(), args.begin(), args.end());
  return core::runCommand(argv);
}

std::optional<std::string> managerProblem(SystemdScope scope) {
  const core::CommandOutput probe = systemctl(scope, {"show-environment"});
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
