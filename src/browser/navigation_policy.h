#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "config/browser_settings.h"

namespace openclaw::browser {

// Where the managed browser may go (browser.ssrfPolicy and browser.allowFileUrls). Checked before
// a tab is opened or navigated and again on the URL the page ended up at:
//  - http and https only, plus about:blank; file:// only with browser.allowFileUrls;
//  - the host must match hostnameAllowlist when that is non-empty and must not match
//    hostnameDenylist ("example.com" exactly, "*.example.com" any subdomain, case-insensitive);
//  - every address the host has must be globally routable, unless the host is in
//    allowedHostnames or dangerouslyAllowPrivateNetwork is set.
class NavigationPolicy {
 public:
  explicit NavigationPolicy(config::BrowserSettings settings) : settings_(std::move(settings)) {}

  // The URL's host when it needs its addresses checked (checkAddress) after this passed, or ""
  // for a URL without one (about:blank, file://). Throws NavigationBlocked.
  std::string checkUrl(const std::string& url) const;
  // Throws NavigationBlocked when `host` may not be reached at `address`.
  void checkAddress(const std::string& host, const boost::asio::ip::address& address) const;

 private:
  config::BrowserSettings settings_;
};

// A URL the policy refuses; what() says which rule.
class NavigationBlocked : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "example.com" matches exactly that host, "*.example.com" its subdomains; case-insensitive.
bool hostMatches(const std::string& pattern, const std::string& host);

// The host of an http(s) URL without brackets or port, lower-case; nullopt when `url` is not an
// absolute http(s) URL with a host.
std::optional<std::string> urlHost(const std::string& url);

}  // namespace openclaw::browser
