#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/browser_settings.h"

namespace openclaw::browser {

// The Chromium-family program to start: browser.executablePath when set (it must exist), else
// the first of chromium, chromium-browser, google-chrome, google-chrome-stable, brave-browser,
// microsoft-edge found in /usr/bin or on PATH. nullopt when there is none.
std::optional<std::filesystem::path> findBrowserExecutable(const config::BrowserSettings& settings);

struct LaunchOptions {
  std::filesystem::path executable;
  int cdpPort = 0;
  std::filesystem::path userDataDir;
  std::filesystem::path downloadDir;  // where downloads go (the agent workspace's downloads/)
  bool headless = true;
  bool noSandbox = false;
};

// Whether the browser runs headless: browser.headless when set, else when there is no display.
bool launchHeadless(const config::BrowserSettings& settings);

// The command line: DevTools on 127.0.0.1:<cdpPort> only, the profile's own user-data dir, no
// first-run UI, no background networking extras; --headless=new and --no-sandbox as asked.
std::vector<std::string> browserArguments(const LaunchOptions& options);

// Ends a browser a previous gateway process started on `userDataDir` and left running (it was
// killed before it could stop it): Chromium's SingletonLock there names the owner's pid, which
// is ended with its process group only when its command line has this very
// --user-data-dir. Returns whether one was ended.
bool endAbandonedBrowser(const std::filesystem::path& userDataDir);

// A started browser: its own process group, so stopping it ends every helper process too.
class BrowserProcess {
 public:
  // Starts it with stdout and stderr appended to `logFile`. Throws std::runtime_error.
  BrowserProcess(const LaunchOptions& options, const std::filesystem::path& logFile);
  ~BrowserProcess();  // stop()
  BrowserProcess(const BrowserProcess&) = delete;
  BrowserProcess& operator=(const BrowserProcess&) = delete;

  int pid() const { return pid_; }
  // Whether the leader is still running (a browser that crashed or was killed is not).
  bool running();
  // SIGTERM to the group, SIGKILL after `grace`, and the leader reaped. Blocks up to `grace`
  // plus a little; safe to call again.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));

 private:
  int pid_ = -1;
  bool reaped_ = false;
};

}  // namespace openclaw::browser
