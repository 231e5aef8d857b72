#pragma once

#include <memory>

#include "channels/channel.h"
#include "config/environment.h"

namespace openclaw::channels::telegram {

// The Telegram channel: one bot per account (`channels.telegram` alone, or
// `channels.telegram.accounts.<id>` over the shared top-level keys), each a TelegramAccount
// (telegram_account.h). Only the default account falls back to TELEGRAM_BOT_TOKEN (from
// `env`). See docs/channels-telegram.md.
std::unique_ptr<Channel> makeTelegramChannel(ChannelHost& host, const nlohmann::json& config,
                                             rpc::HttpRouter& router);
std::unique_ptr<Channel> makeTelegramChannelWithEnv(ChannelHost& host, const nlohmann::json& config,
                                                    rpc::HttpRouter& router, config::EnvLookup env);

}  // namespace openclaw::channels::telegram
