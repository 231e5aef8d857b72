// co_await onPool/onStorage: the work runs on the pool, the coroutine resumes on its event loop.
#include "rpc/storage_await.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace openclaw::rpc {
namespace {

namespace asio = boost::asio;

// Counts its copies; moves are free.
struct Tracked {
  explicit Tracked(int* counter) : copies(counter) {}
  Tracked(const Tracked& other) : copies(other.copies) { ++*copies; }
  Tracked(Tracked&&) noexcept = default;
  Tracked& operator=(const Tracked&) = delete;
  Tracked& operator=(Tracked&&) = delete;
  int* copies;
};

// Runs `body` as a coroutine on `io` until it finished; rethrows what escaped it.
template <class Body>
void runOnLoop(asio::io_context& io, Body body) {
  std::exception_ptr escaped;
  bool finished = false;
  asio::co_spawn(io, std::move(body), [&](std::exception_ptr error) {
    escaped = error;
    finished = true;
  });
  io.run();
  ASSERT_TRUE(finished);
  if (escaped) std::rethrow_exception(escaped);
}

asio::awaitable<void> recordThreads(asio::thread_pool& pool, std::thread::id* worker,
                                    std::thread::id* resumed, int* answer) {
  *answer = co_await onPool(pool, [worker] {
    *worker = std::this_thread::get_id();
    return 42;
  });
  *resumed = std::this_thread::get_id();
}

TEST(StorageAwait, RunsTheWorkOnThePoolAndResumesOnTheLoop) {
  asio::io_context io;
  asio::thread_pool pool(1);
  std::thread::id worker, resumed;
  int answer = 0;
  runOnLoop(io, recordThreads(pool, &worker, &resumed, &answer));
  EXPECT_EQ(answer, 42);
  EXPECT_NE(worker, std::this_thread::get_id());
  EXPECT_NE(worker, std::thread::id());
  EXPECT_EQ(resumed, std::this_thread::get_id());  // io.run() runs here
}

asio::awaitable<void> catchFailure(asio::thread_pool& pool, std::string* caught,
                                   std::thread::id* resumed) {
  try {
    co_await onPool(pool, []() -> int { throw std::runtime_error("disk I/O error"); });
  } catch (const std::runtime_error& error) {
    *caught = error.what();
    *resumed = std::this_thread::get_id();
  }
}

TEST(StorageAwait, RethrowsTheWorksExceptionInTheAwaitingCoroutine) {
  asio::io_context io;
  asio::thread_pool pool(1);
  std::string caught;
  std::thread::id resumed;
  runOnLoop(io, catchFailure(pool, &caught, &resumed));
  EXPECT_EQ(caught, "disk I/O error");
  EXPECT_EQ(resumed, std::this_thread::get_id());
}

TEST(StorageAwait, AnUncaughtFailureEndsTheCoroutineWithIt) {
  asio::io_context io;
  asio::thread_pool pool(1);
  auto failing = [](asio::thread_pool& on) -> asio::awaitable<void> {
    co_await onPool(on, [] { throw std::logic_error("constraint failed"); });
    ADD_FAILURE() << "resumed after a failed work";
  };
  EXPECT_THROW(runOnLoop(io, failing(pool)), std::logic_error);
}

asio::awaitable<void> takeResults(asio::thread_pool& pool, int* copies, int* value) {
  Tracked tracked = co_await onPool(pool, [copies] { return Tracked(copies); });
  std::unique_ptr<int> owned = co_await onPool(pool, [] { return std::make_unique<int>(7); });
  *value = *owned;
  (void)tracked;
}

TEST(StorageAwait, MovesTheResultWithoutCopying) {
  asio::io_context io;
  asio::thread_pool pool(1);
  int copies = 0, value = 0;
  runOnLoop(io, takeResults(pool, &copies, &value));
  EXPECT_EQ(copies, 0);
  EXPECT_EQ(value, 7);
}

asio::awaitable<void> afterEarlierWork(asio::thread_pool& pool, std::string* order) {
  asio::post(pool, [order] { *order += "queued;"; });
  co_await onPool(pool, [order] { *order += "awaited;"; });
  *order += "resumed";
}

TEST(StorageAwait, WorkQueuedEarlierOnASingleThreadPoolRunsFirst) {
  asio::io_context io;
  asio::thread_pool pool(1);
  std::string order;
  runOnLoop(io, afterEarlierWork(pool, &order));
  EXPECT_EQ(order, "queued;awaited;resumed");
}

}  // namespace
}  // namespace openclaw::rpc
