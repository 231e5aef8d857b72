#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "channels/channel.h"

namespace openclaw::channels::slack {

// The Slack channel: one SlackAccount per `channels.slack.accounts.<id>` (or the block itself as
// the account "default"). See docs/channels-slack.md.
std::unique_ptr<Channel> makeSlackChannel(ChannelHost& host, const nlohmann::json& config,
                                          rpc::HttpRouter& router);

}  // namespace openclaw::channels::slack
