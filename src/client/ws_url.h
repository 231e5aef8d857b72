#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace openclaw::client {

// A parsed gateway WebSocket URL.
struct WsUrl {
  bool tls = false;            // wss://
  std::string host;            // IPv6 literals without brackets
  std::uint16_t port = 18789;  // 18789 for ws://, 443 for wss:// unless given
  std::string target = "/";    // path plus query, never empty; fragment dropped

  // "host:port" as sent in the Host header (IPv6 literals bracketed).
  std::string hostHeader() const;
};

// Parses ws://host[:port][/path] or wss://...; throws std::invalid_argument with a user-facing
// message for anything else.
WsUrl parseWsUrl(std::string_view url);

}  // namespace openclaw::client
