#include "channels/slack/slack_channel.h"

#include "channels/channel_account.h"
#include "channels/slack/slack_account.h"

namespace openclaw::channels::slack {

std::unique_ptr<Channel> makeSlackChannel(ChannelHost& host, const nlohmann::json& config,
                                          rpc::HttpRouter& router) {
  return makeAccountsChannel("slack", "Slack", host, config, router, makeSlackAccount);
}

}  // namespace openclaw::channels::slack
