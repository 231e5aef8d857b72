#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "config/config_file.h"

namespace openclaw::channels::signal {

// Signal's text limit per message as upstream chunks it (textChunkLimit default).
inline constexpr std::int64_t kDefaultTextChunkLimit = 4000;
inline constexpr std::int64_t kDefaultMediaMaxMb = 8;

// One account's `channels.signal` block (or `channels.signal.accounts.<id>` merged over it),
// resolved. Upstream's keys: account, accountUuid, transport {kind, url, httpHost, httpPort,
// cliPath, configPath, startupTimeoutMs, receiveMode, ignoreStories}, ignoreAttachments,
// sendReadReceipts, textChunkLimit, mediaMaxMb. Access keys (dmPolicy, ...) belong to the router.
struct SignalConfig {
  bool enabled = true;
  std::string account;      // the bot's E.164 number; empty: not configured
  std::string accountUuid;  // optional: mentions and loop protection by UUID too
  // "managed-native" (the gateway runs `signal-cli daemon`) or "external-native" (a daemon that
  // already runs at `url`).
  std::string kind = "managed-native";
  std::string url;  // where the daemon's HTTP API is: transport.url, else http://host:port
  std::string httpHost = "127.0.0.1";
  int httpPort = 8080;
  std::string cliPath = "signal-cli";
  std::string configPath;  // signal-cli --config
  std::chrono::milliseconds startupTimeout{30'000};
  std::string receiveMode;  // "on-start", "manual" or "" (signal-cli's default)
  bool ignoreStories = false;
  bool ignoreAttachments = false;
  bool sendReadReceipts = false;
  std::size_t textChunkLimit = kDefaultTextChunkLimit;
  std::uint64_t mediaMaxBytes = kDefaultMediaMaxMb * 1024 * 1024;

  bool managed() const { return kind == "managed-native"; }

  // Reads the keys under `pointer` in `view` (channels::accountConfigView). Throws
  // config::ConfigError naming the key for a wrong type or range, an account that is not an
  // E.164 number, a transport URL that is not http(s), and the transports this gateway does not
  // speak (kind "container", socketPath).
  static SignalConfig fromView(const config::ConfigFile& view, const std::string& pointer);
};

}  // namespace openclaw::channels::signal
