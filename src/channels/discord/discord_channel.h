#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "channels/channel.h"

namespace openclaw::channels::discord {

// The Discord channel (`channels.discord`, with `accounts.<id>` for several bots); see
// docs/channels-discord.md.
std::unique_ptr<Channel> makeDiscordChannel(ChannelHost& host, const nlohmann::json& config,
                                            rpc::HttpRouter& router);

}  // namespace openclaw::channels::discord
