#pragma once

#include <chrono>
#include <string>

namespace openclaw::fleet {

// One GET /healthz on 127.0.0.1:<port> (net::httpGetNotOk), finished within `timeout`. True
// when the answer's status is 200.
bool healthzOk(int port, std::chrono::milliseconds timeout);

// Repeats healthzOk every half second until it answers 200 or `limit` has passed.
bool waitHealthy(int port, std::chrono::milliseconds limit);

}  // namespace openclaw::fleet
