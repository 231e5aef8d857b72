// HttpClient's awaitable interface: failures and cancellation reach the awaiting coroutine.
#include "net/http_client.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>

namespace openclaw::net {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

asio::awaitable<void> awaitHead(std::shared_ptr<HttpExchange> exchange, bool* headSeen,
                                std::optional<HttpError>* error) {
  try {
    co_await exchange->head();
    *headSeen = true;
  } catch (const HttpFailure& failure) {
    *error = failure.error();
  }
}

// Runs head() of a request to `url` (cancelled first when `cancel`); the error it threw.
std::optional<HttpError> headError(const std::string& url, bool cancel) {
  asio::io_context io;
  HttpClient client(io);
  HttpRequest request;
  request.url = url;
  auto exchange = client.start(request);
  if (cancel) exchange->cancel();
  std::optional<HttpError> error;
  bool headSeen = false;
  asio::co_spawn(io, awaitHead(exchange, &headSeen, &error), asio::detached);
  io.run_for(10s);  // returns as soon as the coroutine has ended
  EXPECT_FALSE(headSeen);
  return error;
}

TEST(HttpClient, ABadUrlFailsTheHeadAwait) {
  const auto error = headError("ftp://example.com/file", false);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, HttpError::Kind::BadUrl);
  EXPECT_NE(error->message.find("ftp://example.com/file"), std::string::npos) << error->message;
}

TEST(HttpClient, ACancelledExchangeThrowsCancelledAndSendsNothing) {
  asio::io_context serverIo;
  asio::ip::tcp::acceptor acceptor(serverIo, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  const auto error = headError("http://127.0.0.1:" + std::to_string(port) + "/", true);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, HttpError::Kind::Cancelled);
  acceptor.non_blocking(true);
  boost::system::error_code ec;
  asio::ip::tcp::socket peer(serverIo);
  acceptor.accept(peer, ec);
  EXPECT_EQ(ec, asio::error::would_block);  // no connection was made
}

TEST(HttpClient, ARefusedConnectionIsAConnectError) {
  asio::io_context serverIo;
  unsigned short port = 0;
  {
    asio::ip::tcp::acceptor closed(serverIo, {asio::ip::make_address("127.0.0.1"), 0});
    port = closed.local_endpoint().port();
  }
  const auto error = headError("http://127.0.0.1:" + std::to_string(port) + "/", false);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, HttpError::Kind::Connect);
}

}  // namespace
}  // namespace openclaw::net
