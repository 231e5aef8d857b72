// Socket Mode's liveness check (WebSocketRequest::idleTimeout): a peer that keeps the TCP
// connection but answers no ping is given up on; one that answers pings is kept while silent.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>
#include <future>
#include <optional>
#include <thread>

#include "net/websocket_client.h"
#include "ws_test_server.h"

namespace openclaw::net {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using tcp = asio::ip::tcp;

struct Outcome {
  std::optional<WebSocketError> error;
  std::string message;
  std::chrono::milliseconds after{0};
};

// Connects to `url` with `idleTimeout` and reads one message (or the failure).
Outcome readOnce(const std::string& url, std::chrono::milliseconds idleTimeout) {
  asio::io_context io;
  WebSocketClient client(io);
  WebSocketRequest request;
  request.url = url;
  request.idleTimeout = idleTimeout;
  auto connection = client.start(std::move(request));
  Outcome outcome;
  const auto started = std::chrono::steady_clock::now();
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        try {
          co_await connection->connect();
          outcome.message = co_await connection->read();
        } catch (const WebSocketFailure& failure) {
          outcome.error = failure.error();
        }
        outcome.after = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        connection->cancel();
      },
      asio::detached);
  io.run_for(20s);
  return outcome;
}

TEST(SlackSocketLiveness, APeerThatAnswersNoPingIsGivenUp) {
  asio::io_context serverIo;
  tcp::acceptor acceptor(serverIo, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::promise<void> clientDone;
  std::thread server([&] {
    boost::beast::websocket::stream<tcp::socket> ws(acceptor.accept());
    ws.accept();
    clientDone.get_future().wait();  // upgraded, then silent: reads nothing, answers no ping
  });
  const Outcome outcome = readOnce("ws://127.0.0.1:" + std::to_string(port) + "/", 600ms);
  clientDone.set_value();
  server.join();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->kind, WebSocketError::Kind::Network) << outcome.error->message;
  EXPECT_GE(outcome.after, 300ms);
  EXPECT_LT(outcome.after, 10s);
}

TEST(SlackSocketLiveness, APeerThatAnswersPingsIsKeptWhileSilent) {
  std::shared_ptr<testsupport::WsTestPeer> peer;
  std::mutex mutex;
  testsupport::WsTestServer server(
      [&](const std::shared_ptr<testsupport::WsTestPeer>& opened) {
        std::lock_guard lock(mutex);
        peer = opened;
      },
      [](const std::shared_ptr<testsupport::WsTestPeer>&, const std::string&) {});
  // The server speaks only after three idle timeouts; pings keep the link up meanwhile.
  std::thread speaker([&] {
    std::this_thread::sleep_for(1500ms);
    std::lock_guard lock(mutex);
    if (peer) peer->send("late but alive");
  });
  const Outcome outcome = readOnce(server.url() + "/", 500ms);
  speaker.join();
  {
    std::lock_guard lock(mutex);
    peer.reset();  // a peer must not outlive its server
  }
  EXPECT_FALSE(outcome.error) << outcome.error->message;
  EXPECT_EQ(outcome.message, "late but alive");
}

}  // namespace
}  // namespace openclaw::net
