#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config_file.h"

namespace openclaw::config {

// browser.profiles.<name>: a managed browser profile. Without cdpPort the gateway picks one from
// the profile range and remembers it (browser/cdp_port_allocator.h).
struct BrowserProfileSettings {
  std::optional<int> cdpPort;
  std::string color;  // shown by clients only
  bool operator==(const BrowserProfileSettings&) const = default;
};

// browser.*: the managed Chromium the browser tool and the browser control service drive.
struct BrowserSettings {
  bool enabled = true;         // browser.enabled
  std::string executablePath;  // empty: search the usual Chromium-family names
  // browser.headless; unset means headless exactly when there is no DISPLAY / WAYLAND_DISPLAY.
  std::optional<bool> headless;
  bool noSandbox = false;  // browser.noSandbox (running as root adds --no-sandbox anyway)
  std::string defaultProfile = "openclaw";
  std::map<std::string, BrowserProfileSettings> profiles;
  bool evaluateEnabled = true;  // browser.evaluateEnabled (no route uses it yet)
  // browser.ssrfPolicy: private, loopback and other special-use addresses are refused unless
  // dangerouslyAllowPrivateNetwork or the host is in allowedHostnames (exact names or literals).
  bool allowPrivateNetwork = false;
  std::vector<std::string> allowedHostnames;
  // browser.ssrfPolicy.hostnameAllowlist / hostnameDenylist: host patterns ("example.com",
  // "*.example.com") navigation may (only) reach / never reach; deny wins, an empty allowlist
  // allows every host.
  std::vector<std::string> hostnameAllowlist;
  std::vector<std::string> hostnameDenylist;
  bool allowFileUrls = false;    // browser.allowFileUrls: file:// navigation
  int idleTimeoutSeconds = 600;  // browser.idleTimeoutSeconds: stop a browser unused this long

  bool operator==(const BrowserSettings&) const = default;
};

// Throws ConfigError (pointing at the value) for a wrong type or range.
BrowserSettings resolveBrowserSettings(const ConfigFile& config);

}  // namespace openclaw::config
