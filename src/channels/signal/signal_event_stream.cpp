#include "channels/signal/signal_event_stream.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>

#include "channels/signal/sse_parser.h"
#include "core/bounded_json.h"
#include "core/logging.h"

namespace openclaw::channels::signal {
namespace {

auto log() { return core::logger("signal"); }

std::string percentEncoded(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

}  // namespace

struct SignalEventStream::State {
  explicit State(boost::asio::io_context& io) : wake(io) {}
  boost::asio::steady_timer wake;  // a paused reader waits on it
  std::shared_ptr<net::HttpExchange> exchange;
  Handlers handlers;
  bool paused = false;
  bool cancelled = false;
};

std::string eventsUrl(const std::string& baseUrl, const std::string& account) {
  return baseUrl + "/api/v1/events?account=" + percentEncoded(account);
}

namespace {

boost::asio::awaitable<void> read(std::shared_ptr<SignalEventStream::State> state) {
  std::string reason;
  bool idle = false;
  try {
    const auto head = co_await state->exchange->head();
    if (head.status != 200) {
      reason = "the event stream answered HTTP " + std::to_string(head.status);
    } else {
      if (state->cancelled) co_return;
      state->handlers.opened();
      SseParser parser(kMaxEventBytes);
      std::size_t skipped = 0;
      while (true) {
        const std::string chunk = co_await state->exchange->readSome();
        if (state->cancelled) co_return;
        if (chunk.empty()) {
          reason = "signal-cli closed the event stream";
          break;
        }
        for (auto& event : parser.feed(chunk)) {
          auto parsed = core::parseBoundedJson(event.data);
          if (!parsed.ok() || !parsed.value.is_object()) {
            log()->warn("signal: skipped a receive event that is not a JSON object ({} bytes)",
                        event.data.size());
            continue;
          }
          state->handlers.event(std::move(parsed.value));
          if (state->cancelled) co_return;
        }
        if (parser.oversized() > skipped) {
          skipped = parser.oversized();
          log()->warn("signal: skipped a receive event larger than {} bytes", kMaxEventBytes);
        }
        while (state->paused && !state->cancelled) {
          boost::system::error_code ec;
          state->wake.expires_after(std::chrono::hours(1));
          co_await state->wake.async_wait(
              boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        }
        if (state->cancelled) co_return;
      }
    }
  } catch (const net::HttpFailure& failure) {
    if (failure.error().kind == net::HttpError::Kind::Cancelled || state->cancelled) co_return;
    reason = failure.error().message;
    idle = failure.error().kind == net::HttpError::Kind::Timeout;
  }
  if (state->cancelled) co_return;
  state->cancelled = true;
  state->handlers.closed(reason, idle);
}

}  // namespace

SignalEventStream::SignalEventStream(boost::asio::io_context& io, net::HttpClient& client,
                                     std::string url, std::chrono::milliseconds idleTimeout,
                                     Handlers handlers)
    : state_(std::make_shared<State>(io)) {
  state_->handlers = std::move(handlers);
  net::HttpRequest request;
  request.method = "GET";
  request.url = std::move(url);
  request.headers = {{"Accept", "text/event-stream"}};
  request.connectTimeout = std::chrono::seconds(10);
  request.idleTimeout = idleTimeout;
  state_->exchange = client.start(std::move(request));
  boost::asio::co_spawn(io, read(state_), boost::asio::detached);
}

SignalEventStream::~SignalEventStream() { cancel(); }

void SignalEventStream::pause() { state_->paused = true; }

void SignalEventStream::resume() {
  state_->paused = false;
  state_->wake.cancel();
}

void SignalEventStream::cancel() {
  if (state_->cancelled) return;
  state_->cancelled = true;
  state_->exchange->cancel();
  state_->wake.cancel();
}

}  // namespace openclaw::channels::signal
