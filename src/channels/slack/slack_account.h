#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "channels/channel_account.h"

namespace openclaw::channels::slack {

// One Slack app (bot) account: Socket Mode (default) or the Events API on the gateway's HTTP
// port (mode "http", POST <webhookPath> signed with the signing secret), sending through
// chat.postMessage and the external file upload. See docs/channels-slack.md.
std::unique_ptr<ChannelAccount> makeSlackAccount(AccountContext context,
                                                 const nlohmann::json& block);

}  // namespace openclaw::channels::slack
