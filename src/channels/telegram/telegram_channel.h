#pragma once

#include <memory>

#include "channels/channel.h"

namespace openclaw::channels::telegram {

// The Telegram channel (one bot account, "default"): Bot API long polling with the update
// offset kept in the channel state, or webhook mode (a POST route on the gateway port that
// answers 200 once the update is journaled); text replies split at 4096 characters, 429 retry
// after parameters.retry_after. See docs/channels-telegram.md.
std::unique_ptr<Channel> makeTelegramChannel(ChannelHost& host, const nlohmann::json& config,
                                             rpc::HttpRouter& router);

}  // namespace openclaw::channels::telegram
