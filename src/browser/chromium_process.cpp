#include "browser/chromium_process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

#include "core/executable_lookup.h"
#include "core/process_runner.h"

namespace openclaw::browser {

std::optional<std::filesystem::path> findBrowserExecutable(
    const config::BrowserSettings& settings) {
  if (!settings.executablePath.empty()) {
    return core::resolveExecutable(settings.executablePath, core::processPath());
  }
  const std::string path = "/usr/bin:" + core::processPath();
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                           "brave-browser", "microsoft-edge"}) {
    if (auto found = core::resolveExecutable(name, path)) return found;
  }
  return std::nullopt;
}

bool launchHeadless(const config::BrowserSettings& settings) {
  if (settings.headless) return *settings.headless;
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0');
}

std::vector<std::string> browserArguments(const LaunchOptions& options) {
  std::vector<std::string> args = {
      options.executable.string(),
      "--remote-debugging-port=" + std::to_string(options.cdpPort),
      "--remote-debugging-address=127.0.0.1",
      "--user-data-dir=" + options.userDataDir.string(),
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-features=Translate,MediaRouter",
      "--password-store=basic",
      "--disable-dev-shm-usage",
  };
  if (options.headless) args.push_back("--headless=new");
  if (options.noSandbox) args.push_back("--no-sandbox");
  args.push_back("about:blank");
  return args;
}

bool endAbandonedBrowser(const std::filesystem::path& userDataDir) {
  std::error_code error;
  const std::string owner = std::filesystem::read_symlink(userDataDir / "SingletonLock", error);
  const std::size_t dash = owner.rfind('-');
  if (error || dash == std::string::npos) return false;
  int pid = 0;
  try {
    pid = std::stoi(owner.substr(dash + 1));
  } catch (const std::exception&) {
    return false;
  }
  if (pid <= 1) return false;
  std::ifstream file("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  const std::string commandLine((std::istreambuf_iterator<char>(file)),
                                std::istreambuf_iterator<char>());
  const std::string flag = "--user-data-dir=" + userDataDir.string();
  if (commandLine.find(flag + '\0') == std::string::npos) return false;
  const pid_t group = ::getpgid(pid);
  if (group <= 1) return false;
  ::kill(-group, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (::kill(pid, 0) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-group, SIGKILL);
  return true;
}

BrowserProcess::BrowserProcess(const LaunchOptions& options, const std::filesystem::path& logFile) {
  const int log = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log < 0) {
    throw std::runtime_error("cannot open " + logFile.string() + ": " + std::strerror(errno));
  }
  core::ProcessSpec spec;
  spec.argv = browserArguments(options);
  spec.executable = options.executable;
  try {
    pid_ = core::startProcessGroup(spec, log);
  } catch (...) {
    ::close(log);
    throw;
  }
  ::close(log);
}

BrowserProcess::~BrowserProcess() { stop(); }

bool BrowserProcess::running() {
  if (reaped_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    reaped_ = true;
    ::kill(-pid_, SIGKILL);  // helpers the leader left behind
  }
  return !reaped_;
}

void BrowserProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (!reaped_ && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno == ECHILD)) {
      reaped_ = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Whatever is still in the group (the leader past the grace, or helpers it left) goes now.
  ::kill(-pid_, SIGKILL);
  if (!reaped_) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
  }
  pid_ = -1;
}

}  // namespace openclaw::browser
