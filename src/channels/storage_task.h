#pragma once

#include <boost/asio/post.hpp>
#include <exception>
#include <optional>
#include <utility>

#include "core/logging.h"
#include "gateway/gateway_runtime.h"

namespace openclaw::channels {

// Runs `work` (blocking SQLite) on runtime.storage, then `then` on the event loop with its
// result, or with nullopt when `work` threw (the failure is logged).
template <class Work, class Then>
void onStorage(gateway::GatewayRuntime& runtime, Work work, Then then) {
  boost::asio::post(runtime.storage, [&io = runtime.io, work = std::move(work),
                                      then = std::move(then)]() mutable {
    std::optional<decltype(work())> result;
    try {
      result = work();
    } catch (const std::exception& error) {
      core::logger("channels")->error("channel storage failed: {}", error.what());
    }
    boost::asio::post(io, [then = std::move(then), result = std::move(result)]() mutable {
      then(std::move(result));
    });
  });
}

}  // namespace openclaw::channels
