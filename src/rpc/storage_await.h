#pragma once

#include "core/awaitable.h"
// (first: the Asio headers below include awaitable.hpp too)
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "core/logging.h"
#include "rpc/gateway_runtime.h"

namespace openclaw::rpc {
namespace detail {

// Runs `job` on `pool`, then resumes the awaiting coroutine on its own executor. `job` catches
// nothing: it must not throw (onPool wraps the caller's work).
template <class Job>
boost::asio::awaitable<void> afterRunning(boost::asio::thread_pool& pool, Job& job) {
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void()>(
      [&pool, &job](auto resume) {
        boost::asio::post(pool, [&job, resume = std::move(resume)]() mutable {
          job();
          boost::asio::post(std::move(resume));  // to the coroutine's executor
        });
      },
      boost::asio::use_awaitable);
}

}  // namespace detail

// `co_await onPool(pool, work)`: runs `work` (blocking) on `pool` and resumes the awaiting
// coroutine on its executor (the event loop) with work's result, moved. An exception from `work`
// is rethrown in the awaiting coroutine. The coroutine is suspended meanwhile, so `work` may
// capture the caller's locals by reference; it must not touch event-loop state.
template <class Work>
boost::asio::awaitable<std::invoke_result_t<Work&>> onPool(boost::asio::thread_pool& pool,
                                                           Work work) {
  using Result = std::invoke_result_t<Work&>;
  std::exception_ptr failure;
  if constexpr (std::is_void_v<Result>) {
    auto job = [&work, &failure]() noexcept {
      try {
        work();
      } catch (...) {
        failure = std::current_exception();
      }
    };
    co_await detail::afterRunning(pool, job);
    if (failure) std::rethrow_exception(failure);
  } else {
    std::optional<Result> result;
    auto job = [&work, &failure, &result]() noexcept {
      try {
        result.emplace(work());
      } catch (...) {
        failure = std::current_exception();
      }
    };
    co_await detail::afterRunning(pool, job);
    if (failure) std::rethrow_exception(failure);
    co_return std::move(*result);
  }
}

// `co_await onStorage(runtime, work)`: onPool on the storage thread (every SQLite access). Work
// queued on the storage thread earlier is committed before `work` runs.
template <class Work>
boost::asio::awaitable<std::invoke_result_t<Work&>> onStorage(rpc::GatewayRuntime& runtime,
                                                              Work work) {
  return onPool(runtime.storage, std::move(work));
}

// How a caller that handles a failed storage work reports it (one log line, the same everywhere).
inline void logStorageFailure(const std::exception& error) {
  core::logger("store")->error("storage work failed: {}", error.what());
}

}  // namespace openclaw::rpc
