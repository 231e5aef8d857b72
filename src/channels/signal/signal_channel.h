#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "channels/channel.h"

namespace openclaw::channels::signal {

// The Signal channel: one account per bot number (channels.signal, or channels.signal.accounts),
// each talking to a signal-cli daemon over HTTP — JSON-RPC at /api/v1/rpc for sending, typing and
// probes, the Server-Sent Events stream at /api/v1/events for receiving — which the gateway runs
// itself (transport kind managed-native, the default) or finds running (external-native). See
// docs/channels-signal.md.
std::unique_ptr<Channel> makeSignalChannel(ChannelHost& host, const nlohmann::json& config,
                                           rpc::HttpRouter& router);

}  // namespace openclaw::channels::signal
