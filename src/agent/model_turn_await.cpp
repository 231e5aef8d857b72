#include "agent/model_turn_await.h"

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <memory>
#include <utility>

#include "core/once_completion.h"

namespace openclaw::agent {

boost::asio::awaitable<AssistantTurn> streamTurn(ModelProvider& provider,
                                                 const ModelRequest& request,
                                                 std::function<void(const std::string&)> onDelta,
                                                 core::CancelSignal& cancel) {
  std::function<void()> stop;  // cancels the call in flight
  // Moved out first: completing the await may end this coroutine, and `stop` with it.
  core::CancelScope scope(cancel, [&stop] { std::exchange(stop, nullptr)(); });
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                 void(std::exception_ptr, AssistantTurn)>(
      [&](auto handler) {
        using State = core::OnceCompletion<decltype(handler)>;
        auto executor = boost::asio::get_associated_executor(handler);
        auto state = std::make_shared<State>(std::move(handler));
        auto cancelled = [state] {
          state->complete(std::make_exception_ptr(core::Cancelled()), AssistantTurn());
        };
        ModelStreamHandlers handlers;
        handlers.onTextDelta = [state, onDelta = std::move(onDelta)](const std::string& delta) {
          if (!state->done()) onDelta(delta);
        };
        handlers.onComplete = [state](AssistantTurn turn) {
          state->complete(std::exception_ptr(), std::move(turn));
        };
        handlers.onError = [state](ModelError error) {
          state->complete(std::make_exception_ptr(ModelFailure(std::move(error))), AssistantTurn());
        };
        std::shared_ptr<ModelCall> call;
        try {
          call = provider.stream(request, std::move(handlers));
        } catch (...) {
          // A provider that throws instead of reporting through onError fails the await with
          // its exception (escaping this initiation, it would end the process).
          boost::asio::post(executor, [state, failure = std::current_exception()] {
            state->complete(failure, AssistantTurn());
          });
          stop = cancelled;
          return;
        }
        stop = [cancelled, call] {
          cancelled();
          call->cancel();  // its error now finds the await completed
        };
      },
      boost::asio::use_awaitable);
}

}  // namespace openclaw::agent
