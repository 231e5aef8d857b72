#include "channels/signal/signal_channel.h"

#include "channels/account_blocks.h"
#include "channels/channel_account.h"
#include "channels/signal/signal_account.h"
#include "channels/signal/signal_config.h"

namespace openclaw::channels::signal {

std::unique_ptr<Channel> makeSignalChannel(ChannelHost& host, const nlohmann::json& config,
                                           rpc::HttpRouter& router) {
  return makeAccountsChannel(
      "signal", "Signal", host, config, router,
      [](AccountContext context, const nlohmann::json& block) {
        const config::ConfigFile view = accountConfigView(context.pointer, block);
        return makeSignalAccount(context.host, context.accountId,
                                 SignalConfig::fromView(view, context.pointer));
      });
}

}  // namespace openclaw::channels::signal
