#pragma once

#include <memory>

#include "channels/channel_account.h"
#include "channels/telegram/telegram_config.h"
#include "channels/telegram/telegram_webhooks.h"

namespace openclaw::channels::telegram {

// One Telegram bot: Bot API long polling with the update offset kept in the account's state,
// or webhook mode (a POST route on the gateway port that answers 200 once the update is
// journaled); received photos, documents, voice notes and videos are downloaded and saved
// before the message is delivered; text split at 4096 characters, files sent with sendPhoto or
// sendDocument; 429 retried after parameters.retry_after.
std::unique_ptr<ChannelAccount> makeTelegramAccount(AccountContext context, TelegramConfig config,
                                                    std::shared_ptr<WebhookRoutes> webhooks);

}  // namespace openclaw::channels::telegram
