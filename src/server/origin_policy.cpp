#include "server/origin_policy.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <string_view>

#include "core/text.h"
#include "net/address_ranges.h"

namespace openclaw::server {
namespace {

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool allDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// host[:port] or [ipv6][:port], the host without brackets; port empty when absent.
struct Authority {
  std::string host;
  std::string port;
};

std::optional<Authority> parseAuthority(std::string_view text) {
  Authority authority;
  std::string_view port;
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    authority.host = std::string(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return std::nullopt;
    if (!rest.empty()) port = rest.substr(1);
  } else {
    const std::size_t colon = text.find(':');
    if (colon != text.rfind(':')) return std::nullopt;  // IPv6 needs brackets
    authority.host = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) port = text.substr(colon + 1);
  }
  const bool hostOk =
      !authority.host.empty() && authority.host.find_first_of("/?#@ \t\\") == std::string::npos;
  if (!hostOk || port.size() > 5 || !allDigits(port)) return std::nullopt;
  authority.port = std::string(port);
  return authority;
}

std::string defaultPort(const std::string& scheme) {
  if (scheme == "http") return "80";
  if (scheme == "https") return "443";
  return "";
}

// scheme://authority, lowercased, one trailing '/' tolerated (as people write allowlist
// entries), the scheme's default port dropped.
struct Origin {
  std::string scheme;
  Authority authority;

  bool web() const { return scheme == "http" || scheme == "https"; }
  int port() const {
    return std::stoi(authority.port.empty() ? defaultPort(scheme) : authority.port);
  }
  std::string canonical() const {
    const bool v6 = authority.host.find(':') != std::string::npos;
    return scheme + "://" + (v6 ? "[" + authority.host + "]" : authority.host) +
           (authority.port.empty() ? "" : ":" + authority.port);
  }
};

std::optional<Origin> parseOrigin(const std::string& text) {
  std::string value = lowercase(core::trimmed(text));
  if (value.ends_with('/')) value.pop_back();
  const std::size_t separator = value.find("://");
  if (separator == std::string::npos || separator == 0) return std::nullopt;
  Origin origin;
  origin.scheme = value.substr(0, separator);
  auto authority = parseAuthority(std::string_view(value).substr(separator + 3));
  if (!authority) return std::nullopt;
  origin.authority = std::move(*authority);
  if (origin.authority.port == defaultPort(origin.scheme)) origin.authority.port.clear();
  return origin;
}

// The special-purpose range of an IP literal ("" when public), nullopt for a name.
std::optional<std::string_view> literalRange(const std::string& host) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  return net::specialPurposeRange(address).value_or("");
}

bool isLoopbackHost(const std::string& host) {
  return host == "localhost" || host.ends_with(".localhost") || literalRange(host) == "loopback";
}

// Hosts only the local machine or network can name: a DNS rebinding page cannot load itself
// under such a name.
bool isPrivateOrLocalHost(const std::string& host) {
  if (isLoopbackHost(host) || host.ends_with(".local") || host.ends_with(".ts.net")) return true;
  const auto range = literalRange(host);
  return range == "private" || range == "link-local" || range == "carrier-grade NAT";
}

bool listed(const Origin& origin, const config::ControlUiSettings& policy) {
  return std::any_of(policy.allowedOrigins.begin(), policy.allowedOrigins.end(),
                     [&](const std::string& entry) {
                       if (core::trimmed(entry) == "*") return true;
                       const auto allowed = parseOrigin(entry);
                       return allowed && allowed->canonical() == origin.canonical();
                     });
}

bool sameOriginAsHost(const Origin& origin, const std::string& hostHeader) {
  auto host = parseAuthority(lowercase(core::trimmed(hostHeader)));
  if (!host) return false;
  if (host->port == defaultPort(origin.scheme)) host->port.clear();
  return host->host == origin.authority.host && host->port == origin.authority.port;
}

}  // namespace

std::optional<std::string> browserOriginRefusal(const rpc::BrowserUpgrade& upgrade,
                                                const config::ControlUiSettings& policy) {
  const auto origin = parseOrigin(upgrade.origin);
  if (!origin) return "origin missing or invalid";
  if (listed(*origin, policy)) return std::nullopt;
  if (!origin->web()) return "origin not allowed";
  if (sameOriginAsHost(*origin, upgrade.host) &&
      (policy.allowHostHeaderOriginFallback || isPrivateOrLocalHost(origin->authority.host))) {
    return std::nullopt;
  }
  if (upgrade.localClient && isLoopbackHost(origin->authority.host) &&
      origin->port() == upgrade.gatewayPort) {
    return std::nullopt;
  }
  return "origin not allowed";
}

}  // namespace openclaw::server
