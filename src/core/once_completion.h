#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <optional>
#include <utility>

namespace openclaw::core {

// The completion handler of one awaited operation, completed at most once: by the operation or
// by its cancellation, whichever comes first; the later one is ignored. On the handler's
// executor's thread the awaiting coroutine resumes inside complete(). Use from that thread only.
template <typename Handler>
class OnceCompletion {
 public:
  explicit OnceCompletion(Handler handler) : handler_(std::move(handler)) {}

  bool done() const { return !handler_.has_value(); }

  template <typename... Args>
  void complete(Args... args) {
    if (!handler_) return;
    Handler handler = std::move(*handler_);
    handler_.reset();
    auto executor = boost::asio::get_associated_executor(handler);
    boost::asio::dispatch(executor,
                          [handler = std::move(handler), ... args = std::move(args)]() mutable {
                            std::move(handler)(std::move(args)...);
                          });
  }

 private:
  std::optional<Handler> handler_;
};

}  // namespace openclaw::core
