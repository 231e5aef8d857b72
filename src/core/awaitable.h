#pragma once

// Include this instead of <boost/asio/awaitable.hpp>: Boost 1.74's header uses std::exchange
// without including <utility>.
#include <utility>
// (kept apart so include sorting cannot put the Boost header first)
#include <boost/asio/awaitable.hpp>
