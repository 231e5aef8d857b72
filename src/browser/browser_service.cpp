#include "browser/browser_service.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <deque>
#include <future>

#include "browser/browser_profiles.h"
#include "browser/browser_routes.h"

namespace openclaw::browser {

namespace asio = boost::asio;

struct BrowserService::State {
  State(asio::io_context& io, BrowserServiceOptions options) : profiles(io, std::move(options)) {}
  BrowserProfiles profiles;
  std::deque<std::pair<BrowserRequest, Done>> queue;
  bool draining = false;  // a coroutine is working through the queue
};

namespace {

// Answers the queued requests in order, one at a time.
asio::awaitable<void> drain(BrowserProfiles& profiles,
                            std::deque<std::pair<BrowserRequest, BrowserService::Done>>& queue,
                            bool& draining) {
  while (!queue.empty()) {
    auto [request, done] = std::move(queue.front());
    queue.pop_front();
    done(co_await runRoute(profiles, request));
  }
  draining = false;
}

}  // namespace

BrowserService::BrowserService(BrowserServiceOptions options)
    : work_(asio::make_work_guard(io_)),
      state_(std::make_unique<State>(io_, std::move(options))),
      thread_([this] { io_.run(); }) {}

BrowserService::~BrowserService() {
  std::promise<void> stopped;
  asio::post(io_, [this, &stopped] {
    state_->profiles.stopAll();
    stopped.set_value();
  });
  stopped.get_future().wait();
  work_.reset();
  io_.stop();
  thread_.join();
}

void BrowserService::handle(BrowserRequest request, Done done) {
  asio::post(io_, [this, request = std::move(request), done = std::move(done)]() mutable {
    if (state_->queue.size() >= kMaxQueued) {
      done({503,
            {{"error", "the browser service is busy (" + std::to_string(kMaxQueued) +
                           " requests waiting); try again"}}});
      return;
    }
    state_->queue.emplace_back(std::move(request), std::move(done));
    if (state_->draining) return;
    state_->draining = true;
    asio::co_spawn(io_, drain(state_->profiles, state_->queue, state_->draining), asio::detached);
  });
}

BrowserResponse BrowserService::handleAndWait(BrowserRequest request,
                                              const std::atomic<bool>* cancelled) {
  const auto giveUp = std::chrono::steady_clock::now() + request.timeout + std::chrono::seconds(5);
  auto answer = std::make_shared<std::promise<BrowserResponse>>();
  std::future<BrowserResponse> future = answer->get_future();
  handle(std::move(request),
         [answer](BrowserResponse response) { answer->set_value(std::move(response)); });
  while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
    if (cancelled != nullptr && cancelled->load()) {
      return {499, {{"error", "cancelled: the run ended while the browser was working"}}};
    }
    if (std::chrono::steady_clock::now() >= giveUp) {
      return {504, {{"error", "the browser service did not answer in time"}}};
    }
  }
  return future.get();
}

}  // namespace openclaw::browser
