#pragma once

#include <optional>
#include <string>

#include "methods/channel_methods.h"
#include "protocol/result.h"

// The parts of the channel method family, registered by registerChannelMethods.
namespace openclaw::methods {

// send: text and media (mediaUrl, mediaUrls, buffer) through a channel account.
void registerChannelSendMethod(rpc::MethodRegistry& registry, ChannelServices& services);

// channels.start, channels.stop, channels.logout (operator.admin).
void registerChannelLifecycleMethods(rpc::MethodRegistry& registry, ChannelServices& services);

// channels.status, with probe: a live check of every account.
void registerChannelStatusMethod(rpc::MethodRegistry& registry, ChannelServices& services);

// The running channel `id` and the account `accountId` of it ("" = its default account), or
// INVALID_REQUEST for a channel this build does not have, one that is not configured or not
// enabled, and an account the channel does not have.
struct ChannelAccountRef {
  channels::Channel* channel = nullptr;
  std::string accountId;
};
protocol::Result<ChannelAccountRef> findChannelAccount(ChannelServices& services,
                                                       const std::string& id,
                                                       const std::string& accountId);

}  // namespace openclaw::methods
