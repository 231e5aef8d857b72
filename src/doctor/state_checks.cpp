#include "doctor/state_checks.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "approvals/exec_allowlist.h"
#include "config/private_state.h"
#include "core/files.h"

namespace openclaw::doctor {
namespace {

// The PID a gateway noted in its lock file, or "unknown".
std::string recordedPid(const std::filesystem::path& lock) {
  std::string text;
  try {
    text = core::readFile(lock).value_or("");
  } catch (const std::exception&) {
    // Unreadable: the PID is only for the message.
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "unknown" : text;
}

}  // namespace

std::vector<Finding> checkStateDir(const std::filesystem::path& dir, uid_t uid) {
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0) {
    return {{"state.missing", Severity::Warn, "state directory " + dir.string() + " does not exist",
             "mkdir -m 700 -p " + dir.string()}};
  }
  if (!S_ISDIR(info.st_mode)) {
    return {{"state.not_directory", Severity::Error,
             "state path " + dir.string() + " is not a directory",
             "move " + dir.string() + " aside, then: mkdir -m 700 " + dir.string()}};
  }
  std::vector<Finding> findings;
  if (info.st_uid != uid) {
    findings.push_back({"state.owner", Severity::Error,
                        "state directory " + dir.string() + " belongs to uid " +
                            std::to_string(info.st_uid) + ", not to you (uid " +
                            std::to_string(uid) + ")",
                        "sudo chown -R " + std::to_string(uid) + " " + dir.string()});
  }
  return findings;
}

std::vector<Finding> checkPrivateModes(const config::InstancePaths& paths) {
  std::vector<Finding> findings;
  for (const std::filesystem::path& path : config::privateStatePaths(paths)) {
    const std::optional<std::filesystem::perms> loose = core::openPermissions(path);
    if (!loose) continue;
    const bool dir = std::filesystem::is_directory(path);
    findings.push_back({"state.permissions", Severity::Warn,
                        path.string() + " is open to group/others (mode " + core::modeText(*loose) +
                            "): it holds private state",
                        std::string(dir ? "chmod 700 " : "chmod 600 ") + path.string()});
  }
  return findings;
}

std::vector<Finding> fixPrivateModes(const config::InstancePaths& paths) {
  std::vector<std::filesystem::path> targets = config::privateStatePaths(paths);
  targets.push_back(paths.configPath);
  std::vector<Finding> findings;
  for (const core::PermissionChange& change : core::tightenPermissions(targets)) {
    const std::string path = change.path.string();
    const std::string before = core::modeText(change.before);
    if (change.error.empty()) {
      findings.push_back({"state.permissions_fixed", Severity::Info,
                          "made " + path + " owner-only (it was " + before + ")", "nothing to do"});
    } else {
      findings.push_back(
          {"state.permissions", Severity::Error,
           "cannot make " + path + " owner-only (mode " + before + "): " + change.error,
           "sudo chown $(id -u) " + path + " && chmod go-rwx " + path});
    }
  }
  return findings;
}

std::optional<Finding> checkDatabase(const std::filesystem::path& database) {
  struct stat info {};
  if (::stat(database.c_str(), &info) != 0) return std::nullopt;  // created on first start
  if (!S_ISREG(info.st_mode)) {
    return Finding{"state.database", Severity::Error,
                   "database " + database.string() + " is not a regular file",
                   "move " + database.string() + " aside (the gateway creates a new one)"};
  }
  const int fd = ::open(database.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Finding{"state.database", Severity::Error,
                   "cannot read database " + database.string() + ": " + std::strerror(errno),
                   "chmod 600 " + database.string()};
  }
  ::close(fd);
  return std::nullopt;
}

std::optional<Finding> checkLockFile(const std::filesystem::path& stateDir) {
  const std::filesystem::path lock = stateDir / "gateway.lock";
  const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  const bool free = ::flock(fd, LOCK_SH | LOCK_NB) == 0;
  const bool held = !free && errno == EWOULDBLOCK;
  ::close(fd);  // releases the probe's lock
  if (free) {
    return Finding{"state.stale_lock", Severity::Info,
                   lock.string() + " is left from a gateway that has exited (harmless)",
                   "nothing to do: the next gateway takes it over"};
  }
  if (!held) return std::nullopt;  // flock itself failed: nothing to conclude
  return Finding{"state.gateway_running", Severity::Info,
                 "gateway running (pid " + recordedPid(lock) + ")",
                 "nothing to do: it owns this state directory until it exits"};
}

std::optional<Finding> checkExecApprovals(const std::filesystem::path& stateDir) {
  const std::filesystem::path file = stateDir / "exec-approvals.json";
  try {
    approvals::ExecAllowlist::load(file);
    return std::nullopt;
  } catch (const std::exception& error) {
    return Finding{"state.exec_approvals", Severity::Error,
                   std::string("exec approvals unreadable: ") + error.what(),
                   "fix or remove " + file.string() +
                       " (removing it forgets every \"allow-always\" approval)"};
  }
}

}  // namespace openclaw::doctor
