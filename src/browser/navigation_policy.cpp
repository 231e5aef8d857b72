#include "browser/navigation_policy.h"

#include <algorithm>

#include "core/ip_range.h"
#include "core/text.h"
#include "net/address_ranges.h"
#include "net/http_client.h"

namespace openclaw::browser {
namespace {

bool anyMatches(const std::vector<std::string>& patterns, const std::string& host) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) { return hostMatches(pattern, host); });
}

}  // namespace

bool hostMatches(const std::string& pattern, const std::string& host) {
  const std::string wanted = core::asciiLowercase(pattern);
  const std::string name = core::asciiLowercase(host);
  if (wanted.starts_with("*.")) {
    const std::string suffix = wanted.substr(1);  // ".example.com"
    return name.size() > suffix.size() && name.ends_with(suffix);
  }
  return wanted == name;
}

std::optional<std::string> urlHost(const std::string& url) {
  const auto parsed = net::parseHttpUrl(url);
  if (!parsed || parsed->host.empty()) return std::nullopt;
  std::string host = parsed->host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return core::asciiLowercase(host);
}

std::string NavigationPolicy::checkUrl(const std::string& url) const {
  if (url == "about:blank") return "";
  const std::string scheme = core::asciiLowercase(url.substr(0, url.find(':')));
  if (scheme == "file") {
    if (!settings_.allowFileUrls) {
      throw NavigationBlocked("file:// URLs are refused (browser.allowFileUrls is false)");
    }
    return "";
  }
  if (scheme != "http" && scheme != "https") {
    throw NavigationBlocked("only http:// and https:// URLs may be opened, not \"" + scheme +
                            ":\"");
  }
  const auto host = urlHost(url);
  if (!host) throw NavigationBlocked("\"" + url + "\" is not an absolute http(s) URL");
  if (anyMatches(settings_.hostnameDenylist, *host)) {
    throw NavigationBlocked(*host + " is in browser.ssrfPolicy.hostnameDenylist");
  }
  if (!settings_.hostnameAllowlist.empty() && !anyMatches(settings_.hostnameAllowlist, *host)) {
    throw NavigationBlocked(*host + " is not in browser.ssrfPolicy.hostnameAllowlist");
  }
  if (const auto literal = core::parseIpLiteral(*host)) checkAddress(*host, *literal);
  return *host;
}

void NavigationPolicy::checkAddress(const std::string& host,
                                    const boost::asio::ip::address& address) const {
  if (settings_.allowPrivateNetwork) return;
  if (std::any_of(
          settings_.allowedHostnames.begin(), settings_.allowedHostnames.end(),
          [&](const std::string& allowed) { return core::asciiLowercase(allowed) == host; })) {
    return;
  }
  const auto range = net::specialPurposeRange(address);
  if (!range) return;
  throw NavigationBlocked(host + " resolves to " + address.to_string() + ", which is " +
                          std::string(*range) +
                          " (allow it with browser.ssrfPolicy.allowedHostnames or "
                          "dangerouslyAllowPrivateNetwork)");
}

}  // namespace openclaw::browser
