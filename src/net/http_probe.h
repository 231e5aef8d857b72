#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace openclaw::net {

// One GET of `url` that resolves, connects and reads the response head within `timeout`.
// nullopt when the answer is HTTP 200; otherwise why not ("HTTP 503", the connection error, or
// "no answer within N ms"). Runs an event loop of its own on the calling thread: for command-line
// tools (container healthchecks, fleet), never for the gateway's event loop.
std::optional<std::string> httpGetNotOk(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace openclaw::net
