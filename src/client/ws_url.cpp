#include "client/ws_url.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace openclaw::client {

std::string WsUrl::hostHeader() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

WsUrl parseWsUrl(std::string_view url) {
  const auto bad = [url](const std::string& why) {
    return std::invalid_argument("invalid gateway URL '" + std::string(url) + "': " + why);
  };
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) throw bad("expected ws://host:port or wss://host:port");
  std::string scheme(url.substr(0, sep));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  WsUrl out;
  if (scheme == "wss") {
    out.tls = true;
    out.port = 443;
  } else if (scheme != "ws") {
    throw bad("unsupported scheme '" + scheme + "' (use ws:// or wss://)");
  }

  const std::string_view rest = url.substr(sep + 3);
  const auto authorityEnd = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, authorityEnd);
  const std::string_view target = rest.substr(authorityEnd, rest.find('#') - authorityEnd);
  out.target = target.starts_with('/') ? std::string(target) : "/" + std::string(target);
  if (authority.find('@') != std::string_view::npos) {
    throw bad("credentials in the URL are not supported");
  }

  std::string_view port;
  bool hasPort = false;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) throw bad("unterminated IPv6 address");
    out.host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) throw bad("unexpected text after ']'");
    hasPort = !after.empty();
    if (hasPort) port = after.substr(1);
  } else {
    const auto colon = authority.find(':');
    if (colon != std::string_view::npos &&
        authority.find(':', colon + 1) != std::string_view::npos) {
      throw bad("IPv6 addresses must be in brackets, e.g. ws://[::1]:18789");
    }
    out.host = authority.substr(0, colon);
    hasPort = colon != std::string_view::npos;
    if (hasPort) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) throw bad("missing host");

  if (hasPort) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value == 0 ||
        value > 65535) {
      throw bad("invalid port '" + std::string(port) + "'");
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  return out;
}

}  // namespace openclaw::client
