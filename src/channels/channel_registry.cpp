#include "channels/channel_registry.h"

#include "channels/discord/discord_channel.h"
#include "channels/irc/irc_channel.h"
#include "channels/signal/signal_channel.h"
#include "channels/slack/slack_channel.h"
#include "channels/telegram/telegram_channel.h"

namespace openclaw::channels {

const std::vector<std::pair<std::string, ChannelFactory>>& builtinChannels() {
  static const std::vector<std::pair<std::string, ChannelFactory>> channels = {
      {"telegram", telegram::makeTelegramChannel}, {"irc", irc::makeIrcChannel},
      {"discord", discord::makeDiscordChannel},    {"slack", slack::makeSlackChannel},
      {"signal", signal::makeSignalChannel},
  };
  return channels;
}

}  // namespace openclaw::channels
