#include "core/port_listeners.h"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "core/run_command.h"

namespace openclaw::core {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto kTermGrace = std::chrono::milliseconds(700);
constexpr auto kPortFreeTimeout = std::chrono::seconds(2);
constexpr auto kPollInterval = std::chrono::milliseconds(25);
constexpr const char* kListenState = "0A";

// Socket inodes listening on `port` in one /proc/net/tcp-style table.
void collectListeningInodes(const char* table, int port, std::set<std::string>& inodes) {
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
        timeout >> inode;
    const std::size_t colon = local.rfind(':');
    if (state != kListenState || colon == std::string::npos) continue;
    if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) inodes.insert(inode);
  }
}

std::string commandLineOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), {});
  for (char& c : raw) {
    if (c == '\0') c = ' ';
  }
  while (!raw.empty() && raw.back() == ' ') raw.pop_back();
  return raw.empty() ? "(unknown)" : raw;
}

// Running: exists and is not a zombie waiting for its parent to reap it.
bool alive(pid_t pid) {
  if (kill(pid, 0) != 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const std::size_t afterName = line.rfind(')');
  return afterName == std::string::npos || afterName + 2 >= line.size() ||
         line[afterName + 2] != 'Z';
}

// Polls `done` until it holds or `timeout` passes (start-up code, before any event loop runs).
bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

// Without /proc (not Linux): ask lsof, in its field output (-F): "p<pid>" then "c<command>".
std::vector<PortListener> findWithLsof(int port) {
  const CommandOutput result =
      runCommand({"lsof", "-nP", "-iTCP:" + std::to_string(port), "-sTCP:LISTEN", "-Fpc"});
  std::vector<PortListener> listeners;
  std::istringstream lines(result.output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() < 2) continue;
    if (line[0] == 'p') {
      listeners.push_back({static_cast<pid_t>(std::stol(line.substr(1))), "(unknown)"});
    } else if (line[0] == 'c' && !listeners.empty()) {
      listeners.back().command = line.substr(1);
    }
  }
  return listeners;
}

}  // namespace

std::vector<PortListener> findPortListeners(int port) {
  if (!fs::exists("/proc/net/tcp")) return findWithLsof(port);
  std::set<std::string> inodes;
  collectListeningInodes("/proc/net/tcp", port, inodes);
  collectListeningInodes("/proc/net/tcp6", port, inodes);
  std::vector<PortListener> listeners;
  if (inodes.empty()) return listeners;
  std::error_code ec;
  for (const auto& process : fs::directory_iterator("/proc", ec)) {
    const std::string name = process.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    std::error_code fdError;
    for (const auto& fd : fs::directory_iterator(process.path() / "fd", fdError)) {
      std::error_code linkError;
      const std::string target = fs::read_symlink(fd.path(), linkError).string();
      if (linkError || target.rfind("socket:[", 0) != 0) continue;
      if (inodes.count(target.substr(8, target.size() - 9)) > 0) {
        listeners.push_back({pid, commandLineOf(pid)});
        break;
      }
    }
  }
  return listeners;
}

std::vector<PortListener> freePort(int port,
                                   const std::function<void(const std::string&)>& report) {
  std::vector<PortListener> targets;
  for (const PortListener& listener : findPortListeners(port)) {
    if (listener.pid != getpid()) targets.push_back(listener);
  }
  if (targets.empty()) {
    report("--force: nothing is listening on port " + std::to_string(port));
    return targets;
  }
  for (const PortListener& target : targets) {
    report("--force: sending SIGTERM to pid " + std::to_string(target.pid) + " (" + target.command +
           "), listening on port " + std::to_string(port));
    kill(target.pid, SIGTERM);
  }
  const auto allGone = [&targets] {
    for (const PortListener& target : targets) {
      if (alive(target.pid)) return false;
    }
    return true;
  };
  if (!waitUntil(allGone, kTermGrace)) {
    for (const PortListener& target : targets) {
      if (!alive(target.pid)) continue;
      report("--force: pid " + std::to_string(target.pid) + " still running after " +
             std::to_string(kTermGrace.count()) + " ms; sending SIGKILL");
      kill(target.pid, SIGKILL);
    }
  }
  const bool portFree =
      waitUntil([port] { return findPortListeners(port).empty(); },
                std::chrono::duration_cast<std::chrono::milliseconds>(kPortFreeTimeout));
  if (!portFree) {
    report("--force: port " + std::to_string(port) + " is still in use after " +
           std::to_string(kPortFreeTimeout.count()) + " s");
  }
  return targets;
}

}  // namespace openclaw::core
