#include "net/http_probe.h"

// clang-format off: first, since Boost 1.74's awaitable.hpp uses std::exchange without including it
#include <utility>
// clang-format on

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "net/http_client.h"

namespace openclaw::net {
namespace {

namespace asio = boost::asio;

asio::awaitable<std::optional<std::string>> notOkReason(std::shared_ptr<HttpExchange> exchange,
                                                        std::chrono::milliseconds timeout) {
  try {
    const HttpResponseHead head = co_await exchange->head();
    if (head.status == 200) co_return std::nullopt;
    co_return "HTTP " + std::to_string(head.status);
  } catch (const HttpFailure& failure) {
    // The deadline below cancels the exchange; any other failure says what went wrong itself.
    if (failure.error().kind == HttpError::Kind::Cancelled) {
      co_return "no answer within " + std::to_string(timeout.count()) + " ms";
    }
    co_return failure.what();
  }
}

std::string describe(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& error) {
    return error.what();
  } catch (...) {
    return "unknown error";
  }
}

}  // namespace

std::optional<std::string> httpGetNotOk(const std::string& url, std::chrono::milliseconds timeout) {
  asio::io_context io;
  HttpClient client(io);
  HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.connectTimeout = timeout;
  request.idleTimeout = timeout;
  const auto exchange = client.start(std::move(request));

  asio::steady_timer deadline(io, timeout);
  const auto cancelExchange = [exchange](const boost::system::error_code& error) {
    if (!error) exchange->cancel();
  };
  deadline.async_wait(cancelExchange);

  std::optional<std::string> reason = "the check did not finish";
  const auto finished = [&reason, &deadline](const std::exception_ptr& thrown,
                                             std::optional<std::string> result) {
    deadline.cancel();
    reason = thrown ? describe(thrown) : std::move(result);
  };
  asio::co_spawn(io, notOkReason(exchange, timeout), finished);
  io.run();
  return reason;
}

}  // namespace openclaw::net
