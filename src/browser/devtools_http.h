#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

namespace openclaw::browser {

// GET http://127.0.0.1:<port>/json/version: the DevTools endpoint's self-description
// ({"Browser", "webSocketDebuggerUrl", ...}), or nullopt when nothing answers within `timeout`
// or the answer is not a JSON object.
boost::asio::awaitable<std::optional<nlohmann::json>> devtoolsVersion(
    boost::asio::io_context& io, int port, std::chrono::milliseconds timeout);

}  // namespace openclaw::browser
