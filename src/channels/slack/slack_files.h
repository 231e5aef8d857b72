#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "channels/channel.h"
#include "channels/slack/slack_events.h"
#include "channels/slack/slack_web_api.h"

namespace openclaw::channels::slack {

// Downloads the files of `message` one after another with the bot token (only from Slack's
// hosts or the API root's, at most `maxBytes` each), saves them with host.saveMedia and calls
// `done` with the inbound message referencing them. A file that cannot be fetched or saved is
// named in the text instead ("[attachment x.pdf not available: ...]"), so the turn still runs.
// `alive` is checked after each step: once it says false, `done` gets nullopt at once.
void collectFiles(ChannelHost& host, std::shared_ptr<WebApi> api, std::string botToken,
                  std::uint64_t maxBytes, SlackMessage message, std::function<bool()> alive,
                  std::function<void(std::optional<InboundMessage>)> done);

}  // namespace openclaw::channels::slack
