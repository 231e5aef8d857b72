#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config_file.h"

namespace openclaw::channels {

// A channel block split into its accounts, as upstream's `channels.<id>.accounts.<accountId>`:
// - without `accounts` (or with an empty one) the block itself is the one account "default";
// - with `accounts`, every entry is an account whose block is the channel's top-level keys
//   (all but `accounts` and `defaultAccount`) overlaid by the entry's own keys.
struct ChannelAccounts {
  std::map<std::string, nlohmann::json> blocks;  // account id -> merged block
  // `defaultAccount` when set, else "default" when such an account exists, else the first id.
  std::string defaultAccountId = "default";
};

// Throws config::ConfigError naming the key ("config: channels.<id>.accounts: ...") when
// `accounts` is not an object, an entry is not an object, an account id is not 1-64 characters
// of [a-z0-9_-] (starting with a letter or digit), or `defaultAccount` names no account.
ChannelAccounts accountBlocks(const std::string& channelId, const nlohmann::json& block);

// Where an account's keys live in the config: "/channels/<id>" for the implicit single account,
// "/channels/<id>/accounts/<accountId>" else.
std::string accountPointer(const std::string& channelId, const nlohmann::json& block,
                           const std::string& accountId);

// A config::ConfigFile holding `mergedBlock` at `pointer` (accountPointer), so an account reads
// its merged keys with the typed accessors at pointer + "/<key>" and every error names the
// account's own key, e.g. "config: channels.discord.accounts.work.token: must be a string".
config::ConfigFile accountConfigView(const std::string& pointer, const nlohmann::json& mergedBlock);

}  // namespace openclaw::channels
