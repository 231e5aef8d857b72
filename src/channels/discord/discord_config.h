#pragma once

#include <cstddef>
#include <string>

#include "config/config_file.h"
#include "config/environment.h"

namespace openclaw::channels::discord {

inline constexpr const char* kDefaultApiRoot = "https://discord.com/api/v10";
// Discord's limit for one message's content.
inline constexpr std::size_t kMaxMessageLength = 2000;

// One account's `channels.discord` keys (merged with its `accounts.<id>` entry), resolved.
// Access keys (dmPolicy, allowFrom, groups, ...) belong to the router and are not read here.
struct DiscordConfig {
  bool enabled = true;
  std::string token;                      // `token`, else DISCORD_BOT_TOKEN for the default account
  std::string tokenSource;                // "config", "env" or "none"
  std::string apiRoot = kDefaultApiRoot;  // the versioned REST root; the Gateway URL comes from it
  bool allowBots = false;                 // answer messages written by other bots
  std::size_t textChunkLimit = kMaxMessageLength;

  // Reads the keys at `pointer` ("/channels/discord" or "/channels/discord/accounts/<id>") of
  // `view` (accountConfigView). Throws config::ConfigError naming the key for a value of the
  // wrong type or range. A leading "Bot " in the token is dropped (it is added to every call).
  static DiscordConfig fromView(const config::ConfigFile& view, const std::string& pointer,
                                bool isDefaultAccount,
                                const config::EnvLookup& env = config::processEnvironment());
};

}  // namespace openclaw::channels::discord
