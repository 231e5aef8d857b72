#pragma once

#include <memory>

#include "channels/channel_account.h"
#include "channels/signal/signal_config.h"

namespace openclaw::channels::signal {

// One Signal number: its daemon (when managed), its event stream and its sends.
std::unique_ptr<ChannelAccount> makeSignalAccount(ChannelHost& host, std::string accountId,
                                                  SignalConfig config);

}  // namespace openclaw::channels::signal
