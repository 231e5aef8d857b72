#include "agent/providers/streaming_call.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <random>

#include "agent/providers/http_errors.h"
#include "core/backoff.h"
#include "core/logging.h"

namespace openclaw::agent::providers {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

constexpr std::size_t kMaxErrorBodyBytes = 64 * 1024;

class StreamingCall : public ModelCall, public std::enable_shared_from_this<StreamingCall> {
 public:
  StreamingCall(asio::io_context& io, std::shared_ptr<net::HttpClient> client,
                StreamingCallSpec spec, ModelStreamHandlers handlers)
      : io_(io),
        client_(std::move(client)),
        spec_(std::move(spec)),
        handlers_(std::move(handlers)),
        deadline_(io),
        backoff_(io),
        random_(std::random_device{}()) {}

  void start() {
    deadline_.expires_after(spec_.timeout);
    deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec || self->finished_) return;
      self->fail({"timeout",
                  self->spec_.providerId + " did not finish within " +
                      std::to_string(self->spec_.timeout.count()) + " ms",
                  0});
    });
    attempt();
  }

  void cancel() override {
    if (finished_) return;
    finished_ = true;
    stopIo();
    asio::post(io_, [self = shared_from_this()] {
      self->handlers_.onError({"cancelled", "the model call was cancelled", 0});
      self->handlers_ = {};
    });
  }

 private:
  void attempt() {
    ++attempts_;
    decoder_ = spec_.newDecoder();
    parser_ = SseParser();
    status_ = 0;
    streaming_ = false;
    errorBody_.clear();
    retryAfter_.reset();
    exchange_ = client_->start(spec_.request);
    asio::co_spawn(io_, read(shared_from_this(), exchange_), asio::detached);
  }

  // Feeds one attempt's response to onHead/onBody/onEnd until it ends, fails, or the call moved
  // on (it failed, finished or started another attempt: exchange_ is then another one or none).
  static asio::awaitable<void> read(std::shared_ptr<StreamingCall> self,
                                    std::shared_ptr<net::HttpExchange> exchange) {
    try {
      self->onHead(co_await exchange->head());
      while (self->exchange_ == exchange) {
        const std::string chunk = co_await exchange->readSome();
        if (self->exchange_ != exchange) co_return;
        if (chunk.empty()) {
          self->onEnd();
          co_return;
        }
        self->onBody(chunk);
      }
    } catch (const net::HttpFailure& failure) {
      if (self->exchange_ == exchange) self->attemptFailed(fromHttpError(failure.error()));
    }
  }

  bool success() const { return status_ >= 200 && status_ < 300; }

  void onHead(const net::HttpResponseHead& head) {
    status_ = head.status;
    if (!success()) retryAfter_ = retryAfterDelay(head);
    // A server that ignores "stream": true answers with JSON; a missing type is given the
    // benefit of the doubt.
    const std::string type = head.header("content-type").value_or("text/event-stream");
    streaming_ = success() && type.find("text/event-stream") != std::string::npos;
  }

  void onBody(std::string_view chunk) {
    if (!streaming_) {
      const std::size_t room = kMaxErrorBodyBytes - std::min(kMaxErrorBodyBytes, errorBody_.size());
      errorBody_.append(chunk.substr(0, room));
      return;
    }
    std::vector<SseEvent> events;
    if (!parser_.feed(chunk, events)) {
      return attemptFailed({"protocol", spec_.providerId + " sent an oversized stream event", 0});
    }
    const auto emit = [this](const std::string& text) {
      if (finished_ || text.empty()) return;
      delivered_ = true;
      handlers_.onTextDelta(text);
    };
    for (const SseEvent& event : events) {
      std::optional<ModelError> error = decoder_->consume(event, emit);
      if (finished_) return;  // the caller cancelled from onTextDelta
      if (error) return attemptFailed(std::move(*error));
      if (decoder_->done()) return complete();
    }
  }

  void onEnd() {
    if (!success()) {
      return attemptFailed(fromHttpStatus(spec_.providerId, status_, errorBody_));
    }
    if (!streaming_) {
      ModelError error = fromHttpStatus(spec_.providerId, status_, errorBody_);
      error.code = "protocol";
      error.message += " (expected an event stream: does this server support streaming?)";
      return fail(std::move(error));
    }
    if (decoder_->endedCleanly()) return complete();
    attemptFailed(
        {"network", spec_.providerId + " ended the stream before the reply was complete", 0});
  }

  void complete() {
    AssistantTurn turn;
    if (auto error = decoder_->finishTurn(turn)) return fail(std::move(*error));
    auto handlers = finish();
    handlers.onComplete(std::move(turn));
  }

  void attemptFailed(ModelError error) {
    if (finished_) return;
    if (exchange_) exchange_->cancel();
    exchange_.reset();
    const bool canRetry =
        isRetryable(error.code) && !delivered_ && attempts_ < spec_.retry.maxAttempts;
    if (!canRetry) return fail(std::move(error));
    const std::optional<milliseconds> delay = nextDelay();
    if (!delay) return fail(std::move(error));
    core::logger("model")->warn("{} call failed ({}: {}); attempt {} of {} in {} ms",
                                spec_.providerId, error.code, error.message, attempts_ + 1,
                                spec_.retry.maxAttempts, delay->count());
    backoff_.expires_after(*delay);
    backoff_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec && !self->finished_) self->attempt();
    });
  }

  // The wait before the next attempt, or nullopt when the server asks for more than we may wait
  // or the call's deadline would pass first.
  std::optional<milliseconds> nextDelay() {
    const auto& policy = spec_.retry;
    std::uniform_real_distribution<double> spread(1.0 - policy.jitter, 1.0 + policy.jitter);
    milliseconds delay =
        core::backoffDelay(attempts_ - 1, policy.baseDelay, policy.maxDelay, spread(random_));
    if (retryAfter_) {
      if (*retryAfter_ > policy.maxRetryAfter) return std::nullopt;
      delay = std::max(delay, *retryAfter_);
    }
    if (std::chrono::steady_clock::now() + delay >= deadline_.expiry()) return std::nullopt;
    return delay;
  }

  void fail(ModelError error) {
    if (finished_) return;
    auto handlers = finish();
    handlers.onError(std::move(error));
  }

  // Ends the call and hands back the handlers, so nothing they captured outlives the call.
  ModelStreamHandlers finish() {
    finished_ = true;
    stopIo();
    return std::move(handlers_);
  }

  void stopIo() {
    if (exchange_) exchange_->cancel();
    exchange_.reset();
    deadline_.cancel();
    backoff_.cancel();
  }

  asio::io_context& io_;
  std::shared_ptr<net::HttpClient> client_;
  StreamingCallSpec spec_;
  ModelStreamHandlers handlers_;
  asio::steady_timer deadline_;
  asio::steady_timer backoff_;
  std::minstd_rand random_;
  std::shared_ptr<net::HttpExchange> exchange_;
  std::unique_ptr<StreamDecoder> decoder_;
  SseParser parser_;
  int attempts_ = 0;
  int status_ = 0;
  bool streaming_ = false;  // a 2xx text/event-stream answer; anything else is collected
  std::string errorBody_;
  std::optional<milliseconds> retryAfter_;
  bool delivered_ = false;  // text reached the caller: no more retries
  bool finished_ = false;
};

}  // namespace

bool isRetryable(const std::string& code) {
  return code == "rate_limited" || code == "server" || code == "network" || code == "timeout";
}

std::shared_ptr<ModelCall> startStreamingCall(asio::io_context& io,
                                              std::shared_ptr<net::HttpClient> client,
                                              StreamingCallSpec spec,
                                              ModelStreamHandlers handlers) {
  auto call =
      std::make_shared<StreamingCall>(io, std::move(client), std::move(spec), std::move(handlers));
  call->start();
  return call;
}

StreamingProvider::StreamingProvider(asio::io_context& io, config::ProviderSettings settings,
                                     RetryPolicy retry)
    : io_(io),
      client_(std::make_shared<net::HttpClient>(io)),
      settings_(std::move(settings)),
      retry_(retry) {}

std::shared_ptr<ModelCall> StreamingProvider::start(StreamingCallSpec spec,
                                                    ModelStreamHandlers handlers) {
  spec.retry = retry_;
  return startStreamingCall(io_, client_, std::move(spec), std::move(handlers));
}

}  // namespace openclaw::agent::providers
