#pragma once

#include <string>
#include <utility>
#include <vector>

#include "channels/channel.h"

namespace openclaw::channels {

// Every channel this build has, in the order status views list them. Adding a channel is one
// line in channel_registry.cpp.
const std::vector<std::pair<std::string, ChannelFactory>>& builtinChannels();

}  // namespace openclaw::channels
