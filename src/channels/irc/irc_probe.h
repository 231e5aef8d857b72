#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>

#include "channels/channel.h"
#include "channels/irc/irc_settings.h"

namespace openclaw::channels::irc {

// A live check of an IRC account's server: resolves, connects and (with TLS) completes the
// handshake within `timeout` on a connection of its own, then closes it. `done` gets
// {ok, elapsedMs, host, port, tls, error?}.
void probeIrcServer(boost::asio::io_context& io, const IrcSettings& settings,
                    std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done);

}  // namespace openclaw::channels::irc
