#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "browser/cdp_connection.h"
#include "browser/chromium_process.h"
#include "browser/navigation_policy.h"

namespace openclaw::browser {

using Deadline = std::chrono::steady_clock::time_point;

// Where one profile's browser lives and how it is started.
struct ProfileSetup {
  std::string name;
  int cdpPort = 0;
  std::string color;
  config::BrowserSettings settings;
  std::filesystem::path profileDir;   // <state>/browser/<profile>: user-data/, chromium.log
  std::filesystem::path downloadDir;  // <workspace>/downloads
  std::filesystem::path mediaDir;     // <state>/media/browser: screenshots
};

// One profile's browser: the process the gateway started, its CDP connection, its page sessions
// and the refs of each tab's last snapshot. Each operation takes a deadline; CDP and policy
// failures are thrown as RouteError. Browser thread only.
class ManagedBrowser {
 public:
  ManagedBrowser(boost::asio::io_context& io, ProfileSetup setup, const NavigationPolicy& policy);
  ~ManagedBrowser();  // stop()

  const ProfileSetup& setup() const { return setup_; }
  // The process is alive and CDP is connected.
  bool running();
  // {enabled, profile, running, cdpReady, pid, cdpPort, cdpUrl, executablePath, userDataDir,
  //  headless, color}
  nlohmann::json status();

  boost::asio::awaitable<void> start(Deadline deadline);
  // Ends the browser process group; returns whether one was running.
  bool stop();

  boost::asio::awaitable<nlohmann::json> tabs(Deadline deadline);
  // open() and navigate() check the URL first, then start the browser when it is not running.
  boost::asio::awaitable<nlohmann::json> open(const std::string& url, Deadline deadline);
  boost::asio::awaitable<void> focus(const std::string& targetId, Deadline deadline);
  boost::asio::awaitable<void> close(const std::string& targetId, Deadline deadline);
  boost::asio::awaitable<nlohmann::json> navigate(const std::string& url,
                                                  const std::string& targetId, Deadline deadline);
  boost::asio::awaitable<nlohmann::json> snapshot(const std::string& targetId, std::size_t maxChars,
                                                  Deadline deadline);
  boost::asio::awaitable<nlohmann::json> screenshot(const std::string& targetId, bool fullPage,
                                                    Deadline deadline);
  boost::asio::awaitable<nlohmann::json> act(const nlohmann::json& body, Deadline deadline);

 private:
  struct Tab {
    std::string sessionId;
    std::map<std::string, int> refs;  // of the last snapshot
  };

  boost::asio::awaitable<nlohmann::json> call(const std::string& method, nlohmann::json params,
                                              const std::string& sessionId, Deadline deadline);
  boost::asio::awaitable<nlohmann::json> pageTargets(Deadline deadline);
  // The tab `targetId` names (an id or a unique prefix), else the current one, else the first;
  // with `create`, a new blank tab when there is none. Throws 404 for an unknown id.
  boost::asio::awaitable<std::string> resolveTarget(const std::string& targetId, bool create,
                                                    Deadline deadline);
  boost::asio::awaitable<std::string> session(const std::string& targetId, Deadline deadline);
  boost::asio::awaitable<nlohmann::json> evaluate(const std::string& targetId,
                                                  const std::string& expression, Deadline deadline);
  // Throws RouteError 403 (reason navigation_blocked) when the policy refuses `url`, resolving
  // its host to check the addresses.
  boost::asio::awaitable<void> checkNavigation(const std::string& url, Deadline deadline);
  // Waits for the page to finish loading: a document that is not the one navigate() marked as
  // left behind, and not the initial about:blank unless `blankWanted`. Then re-checks where it
  // ended up (a refused final URL is left for about:blank). Returns {targetId, url, title,
  // loaded}.
  boost::asio::awaitable<nlohmann::json> settle(const std::string& targetId, bool blankWanted,
                                                Deadline deadline);
  boost::asio::awaitable<int> elementFor(const std::string& targetId, const nlohmann::json& body);
  boost::asio::awaitable<void> requireRunning();

  boost::asio::io_context& io_;
  ProfileSetup setup_;
  const NavigationPolicy& policy_;
  std::optional<std::filesystem::path> executable_;
  std::unique_ptr<BrowserProcess> process_;
  std::shared_ptr<CdpConnection> cdp_;
  std::string cdpUrl_;
  std::string current_;              // the tab used when a request names none
  std::map<std::string, Tab> tabs_;  // by targetId
};

}  // namespace openclaw::browser
