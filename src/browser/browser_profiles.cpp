#include "browser/browser_profiles.h"

#include <algorithm>
#include <cctype>

#include "browser/browser_request.h"
#include "core/logging.h"

namespace openclaw::browser {

using json = nlohmann::json;

namespace {

bool validProfileName(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

}  // namespace

BrowserProfiles::BrowserProfiles(boost::asio::io_context& io, BrowserServiceOptions options)
    : io_(io), options_(std::move(options)), policy_(options_.settings) {}

CdpPortBook& BrowserProfiles::ports() {
  if (!ports_) {
    const int controlPort = options_.gatewayPort() + 2;
    ports_.emplace(options_.stateDir / "browser" / "cdp-ports.json", cdpPortRange(controlPort));
  }
  return *ports_;
}

bool BrowserProfiles::known(const std::string& name) {
  return name == options_.settings.defaultProfile || options_.settings.profiles.contains(name) ||
         ports().remembered().contains(name);
}

ManagedBrowser& BrowserProfiles::get(const std::string& requested) {
  const std::string name = requested.empty() ? options_.settings.defaultProfile : requested;
  if (const auto found = entries_.find(name); found != entries_.end()) {
    return *found->second.browser;
  }
  if (!validProfileName(name) || !known(name)) {
    throw RouteError(404,
                     "unknown browser profile \"" + name + "\" (add it under browser.profiles)");
  }
  ProfileSetup setup;
  setup.name = name;
  try {
    setup.cdpPort = ports().portFor(name, options_.settings.profiles);
  } catch (const std::exception& error) {
    throw RouteError(503, error.what());
  }
  if (const auto configured = options_.settings.profiles.find(name);
      configured != options_.settings.profiles.end()) {
    setup.color = configured->second.color;
  }
  setup.settings = options_.settings;
  setup.profileDir = options_.stateDir / "browser" / name;
  setup.downloadDir = options_.workspace / "downloads";
  setup.mediaDir = options_.stateDir / "media" / "browser";
  Entry entry{std::make_unique<ManagedBrowser>(io_, std::move(setup), policy_),
              std::make_unique<boost::asio::steady_timer>(io_)};
  return *entries_.emplace(name, std::move(entry)).first->second.browser;
}

void BrowserProfiles::touch(const std::string& requested) {
  const std::string name = requested.empty() ? options_.settings.defaultProfile : requested;
  const auto found = entries_.find(name);
  const int seconds = options_.settings.idleTimeoutSeconds;
  if (found == entries_.end() || seconds <= 0) return;
  ManagedBrowser* browser = found->second.browser.get();
  found->second.idle->expires_after(std::chrono::seconds(seconds));
  found->second.idle->async_wait([browser, name, seconds](const boost::system::error_code& ec) {
    if (ec || !browser->running()) return;
    core::logger("browser")->info("profile {} idle for {} s; stopping its browser", name, seconds);
    browser->stop();
  });
}

json BrowserProfiles::list() {
  std::vector<std::string> names = {options_.settings.defaultProfile};
  for (const auto& [name, settings] : options_.settings.profiles) names.push_back(name);
  for (const auto& [name, port] : ports().remembered()) names.push_back(name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  json profiles = json::array();
  for (const std::string& name : names) {
    if (!validProfileName(name)) continue;
    const json status = get(name).status();
    profiles.push_back({{"name", name},
                        {"cdpPort", status["cdpPort"]},
                        {"cdpUrl", status["cdpUrl"]},
                        {"color", status["color"]},
                        {"running", status["running"]},
                        {"isDefault", name == options_.settings.defaultProfile}});
  }
  return profiles;
}

void BrowserProfiles::stopAll() {
  for (auto& [name, entry] : entries_) {
    entry.idle->cancel();
    entry.browser->stop();
  }
}

}  // namespace openclaw::browser
