#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "channels/channel_account.h"

namespace openclaw::channels::discord {

// One Discord bot account: receives over the Gateway (GatewaySession), sends over REST
// (RestClient). Throws config::ConfigError naming the key when its block is invalid.
std::unique_ptr<ChannelAccount> makeDiscordAccount(AccountContext context,
                                                   const nlohmann::json& block);

}  // namespace openclaw::channels::discord
