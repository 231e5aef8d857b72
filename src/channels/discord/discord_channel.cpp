#include "channels/discord/discord_channel.h"

#include "channels/channel_account.h"
#include "channels/discord/discord_account.h"

namespace openclaw::channels::discord {

std::unique_ptr<Channel> makeDiscordChannel(ChannelHost& host, const nlohmann::json& config,
                                            rpc::HttpRouter& router) {
  return makeAccountsChannel("discord", "Discord", host, config, router, makeDiscordAccount);
}

}  // namespace openclaw::channels::discord
