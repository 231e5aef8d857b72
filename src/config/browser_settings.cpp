#include "config/browser_settings.h"

namespace openclaw::config {

BrowserSettings resolveBrowserSettings(const ConfigFile& config) {
  BrowserSettings settings;
  settings.enabled = config.boolean("/browser/enabled").value_or(true);
  settings.executablePath = config.string("/browser/executablePath").value_or("");
  settings.headless = config.boolean("/browser/headless");
  settings.noSandbox = config.boolean("/browser/noSandbox").value_or(false);
  settings.defaultProfile = config.string("/browser/defaultProfile").value_or("openclaw");
  settings.evaluateEnabled = config.boolean("/browser/evaluateEnabled").value_or(true);
  settings.allowPrivateNetwork =
      config.boolean("/browser/ssrfPolicy/dangerouslyAllowPrivateNetwork").value_or(false);
  settings.allowedHostnames = config.stringList("/browser/ssrfPolicy/allowedHostnames");
  settings.hostnameAllowlist = config.stringList("/browser/ssrfPolicy/hostnameAllowlist");
  settings.hostnameDenylist = config.stringList("/browser/ssrfPolicy/hostnameDenylist");
  settings.allowFileUrls = config.boolean("/browser/allowFileUrls").value_or(false);
  settings.idleTimeoutSeconds =
      static_cast<int>(config.integer("/browser/idleTimeoutSeconds", 0, 86'400).value_or(600));
  const nlohmann::json* profiles = nullptr;
  if (const auto browser = config.root.find("browser");
      browser != config.root.end() && browser->is_object()) {
    if (const auto found = browser->find("profiles"); found != browser->end()) profiles = &*found;
  }
  if (profiles == nullptr) return settings;
  if (!profiles->is_object()) throw config.errorAt("/browser/profiles", "must be an object");
  for (const auto& [name, value] : profiles->items()) {
    const std::string pointer = "/browser/profiles/" + name;
    if (!value.is_object()) throw config.errorAt(pointer, "must be an object");
    BrowserProfileSettings profile;
    if (auto port = config.integer(pointer + "/cdpPort", 1, 65535)) {
      profile.cdpPort = static_cast<int>(*port);
    }
    profile.color = config.string(pointer + "/color").value_or("");
    settings.profiles.emplace(name, std::move(profile));
  }
  return settings;
}

}  // namespace openclaw::config
