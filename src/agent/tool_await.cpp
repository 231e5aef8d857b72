#include "agent/tool_await.h"

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <utility>

#include "core/once_completion.h"

namespace openclaw::agent {

boost::asio::awaitable<ToolResult> runTool(std::shared_ptr<const Tool> tool,
                                           const nlohmann::json& arguments,
                                           const ToolContext& context,
                                           boost::asio::thread_pool& blocking,
                                           core::CancelSignal& cancel) {
  std::function<void()> stop;  // cancels the call in flight
  // Moved out first: completing the await may end this coroutine, and `stop` with it.
  core::CancelScope scope(cancel, [&stop] { std::exchange(stop, nullptr)(); });
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                 void(std::exception_ptr, ToolResult)>(
      [&](auto handler) {
        using State = core::OnceCompletion<decltype(handler)>;
        auto executor = boost::asio::get_associated_executor(handler);
        auto state = std::make_shared<State>(std::move(handler));
        // The tool reports on any thread; the state is the event loop's.
        ToolDone done = [state, executor](ToolResult result) {
          boost::asio::post(executor, [state, result = std::move(result)]() mutable {
            state->complete(std::exception_ptr(), std::move(result));
          });
        };
        boost::asio::post(blocking, [tool, arguments, context, done = std::move(done)] {
          tool->start(arguments, context, done);
        });
        stop = [state, context] {
          context.cancelled->store(true);
          state->complete(std::make_exception_ptr(core::Cancelled()), ToolResult());
          context.cancelCallbacks->cancel();
        };
      },
      boost::asio::use_awaitable);
}

}  // namespace openclaw::agent
