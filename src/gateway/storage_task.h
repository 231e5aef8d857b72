#pragma once

#include <boost/asio/post.hpp>
#include <exception>
#include <optional>
#include <utility>

#include "core/logging.h"
#include "gateway/gateway_runtime.h"

namespace openclaw::gateway {

// Runs `work` (blocking SQLite) on runtime.storage, then `then` on the event loop with its
// result, or with nullopt when `work` threw (the failure is logged). Work queued earlier on the
// storage thread is committed before `work` runs.
template <class Work, class Then>
void onStorage(GatewayRuntime& runtime, Work work, Then then) {
  boost::asio::post(runtime.storage, [&io = runtime.io, work = std::move(work),
                                      then = std::move(then)]() mutable {
    std::optional<decltype(work())> result;
    try {
      result = work();
    } catch (const std::exception& error) {
      core::logger("store")->error("storage work failed: {}", error.what());
    }
    boost::asio::post(io, [then = std::move(then), result = std::move(result)]() mutable {
      then(std::move(result));
    });
  });
}

}  // namespace openclaw::gateway
