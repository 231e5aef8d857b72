#include "channels/telegram/telegram_channel.h"

#include "channels/account_blocks.h"
#include "channels/channel_account.h"
#include "channels/telegram/telegram_account.h"
#include "channels/telegram/telegram_config.h"
#include "channels/telegram/telegram_webhooks.h"

namespace openclaw::channels::telegram {

std::unique_ptr<Channel> makeTelegramChannel(ChannelHost& host, const nlohmann::json& config,
                                             rpc::HttpRouter& router) {
  return makeTelegramChannelWithEnv(host, config, router, config::processEnvironment());
}

std::unique_ptr<Channel> makeTelegramChannelWithEnv(ChannelHost& host, const nlohmann::json& config,
                                                    rpc::HttpRouter& router,
                                                    config::EnvLookup env) {
  auto webhooks = std::make_shared<WebhookRoutes>(router);
  return makeAccountsChannel(
      "telegram", "Telegram", host, config, router,
      [webhooks, env = std::move(env)](AccountContext context, const nlohmann::json& block) {
        const config::EnvLookup none = [](const std::string&) { return std::nullopt; };
        TelegramConfig settings =
            TelegramConfig::fromView(accountConfigView(context.pointer, block), context.pointer,
                                     context.accountId, context.isDefault ? env : none);
        return makeTelegramAccount(std::move(context), std::move(settings), webhooks);
      });
}

}  // namespace openclaw::channels::telegram
