#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "browser/browser_service.h"
#include "browser/cdp_ports.h"
#include "browser/managed_browser.h"
#include "browser/navigation_policy.h"

namespace openclaw::browser {

// The profiles the routes can name: browser.defaultProfile, every browser.profiles entry, and
// any profile that was given a CDP port before. Each gets its ManagedBrowser on first use and an
// idle timer that stops its browser. Browser thread only.
class BrowserProfiles {
 public:
  BrowserProfiles(boost::asio::io_context& io, BrowserServiceOptions options);

  const config::BrowserSettings& settings() const { return options_.settings; }
  // `name`, or the default profile for "". Throws RouteError 404 for an unknown profile.
  ManagedBrowser& get(const std::string& name);
  // Restarts the idle countdown of `name`'s browser.
  void touch(const std::string& name);
  // [{name, cdpPort, cdpUrl, color, running, isDefault}]
  nlohmann::json list();
  void stopAll();

 private:
  struct Entry {
    std::unique_ptr<ManagedBrowser> browser;
    std::unique_ptr<boost::asio::steady_timer> idle;
  };
  CdpPortBook& ports();
  bool known(const std::string& name);

  boost::asio::io_context& io_;
  BrowserServiceOptions options_;
  NavigationPolicy policy_;
  std::optional<CdpPortBook> ports_;  // once the gateway port is known
  std::map<std::string, Entry> entries_;
};

}  // namespace openclaw::browser
