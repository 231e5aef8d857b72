#pragma once

#include <functional>

#include "channels/channel_manager.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// What the channel method family needs from the running gateway.
struct ChannelServices {
  rpc::GatewayRuntime& runtime;
  channels::ChannelManager& channels;
  std::function<bool()> shuttingDown;
};

// send, channels.status, channels.start/stop/logout and the DM pairing methods
// (channels.pairing.list/approve/dismiss, with pairing.list and pairing.approve as aliases).
void registerChannelMethods(rpc::MethodRegistry& registry, ChannelServices& services);

}  // namespace openclaw::methods
