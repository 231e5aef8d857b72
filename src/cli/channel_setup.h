#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/cli_context.h"

namespace openclaw::cli {

// `channels list|add|remove|login`: channel accounts in the config, edited through
// editConfig (the running gateway's config.patch, else the same validated atomic write).
void addChannelSetupCommands(CLI::App& channels, CliContext& context);

// What `channels add` / `login` write for one account, as a merge patch of the whole config:
// `settings` (config key -> value) at channels.<channel> for the single default account, or at
// channels.<channel>.accounts.<accountId>. A channel that is still a single top-level account
// and gets a second one keeps its top-level settings as the account "default" (an empty
// `accounts.default` entry, which inherits them). Throws std::invalid_argument for a bad
// account id.
nlohmann::json accountPatch(const nlohmann::json& current, const std::string& channel,
                            const std::string& accountId, const nlohmann::json& settings);

// What `channels remove` writes: the account (or the whole channel when it is its only
// account) disabled, or with `remove` deleted.
nlohmann::json removalPatch(const nlohmann::json& current, const std::string& channel,
                            const std::string& accountId, bool remove);

}  // namespace openclaw::cli
