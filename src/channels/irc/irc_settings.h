#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/config_file.h"
#include "config/environment.h"

namespace openclaw::channels::irc {

// What the IRC channel itself needs from `channels.irc` (access policy keys such as dmPolicy,
// allowFrom and groups belong to the router and are not read here).
struct IrcSettings {
  bool enabled = true;
  std::string host;
  int port = 6697;
  bool tls = true;
  // A PEM file of certificates trusted in addition to the system CAs, for a server with a
  // self-signed or private-CA certificate (tlsCaFile; our own key, upstream has none).
  std::string tlsCaFile;
  std::string nick;
  std::string username;
  std::string realname = "OpenClaw";
  std::string password;  // server password (PASS), from password or passwordFile
  std::vector<std::string> channels;
  bool nickservEnabled = true;  // identify whenever a NickServ password is set
  std::string nickservService = "NickServ";
  std::string nickservPassword;
  std::size_t textChunkLimit = 350;  // bytes of text per PRIVMSG, before the line-size limit
  // Flood control for outgoing lines: `sendBurst` lines at once, then one per `sendInterval`.
  int sendBurst = 4;
  std::chrono::milliseconds sendInterval{1000};
  // Reconnect backoff: doubles from `reconnectDelay` up to `reconnectMaxDelay`, with jitter.
  std::chrono::milliseconds reconnectDelay{2000};
  std::chrono::milliseconds reconnectMaxDelay{300000};

  // Host and nick are required to connect.
  bool configured() const { return !host.empty() && !nick.empty(); }
  // Whether the two differ in anything that needs a new connection to take effect.
  bool sameConnection(const IrcSettings& other) const;
};

// Reads a `channels.irc` block, filling unset keys from IRC_* environment variables (IRC_HOST,
// IRC_PORT, IRC_TLS, IRC_NICK, IRC_USERNAME, IRC_REALNAME, IRC_PASSWORD, IRC_CHANNELS,
// IRC_NICKSERV_PASSWORD). Reads passwordFile and nickserv.passwordFile. Throws
// config::ConfigError for a value of the wrong type or range and for an unreadable file.
IrcSettings parseIrcSettings(const nlohmann::json& block, const config::EnvLookup& env);
// The same for one account's keys at `base` in `view` (accountConfigView), so errors name the
// account's own keys.
IrcSettings parseIrcSettings(const config::ConfigFile& view, const std::string& base,
                             const config::EnvLookup& env);

}  // namespace openclaw::channels::irc
