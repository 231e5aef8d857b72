#include "net/websocket_client.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>

#include "ws_test_server.h"

namespace openclaw::net {
namespace {

using namespace std::chrono_literals;
using Kind = WebSocketError::Kind;

// Runs `scenario` on a fresh io_context (at most 10 s) and returns its result.
template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> scenario) {
  auto result = boost::asio::co_spawn(io, std::move(scenario), boost::asio::use_future);
  io.run_for(10s);
  return result.get();
}

// The failure `work` ends with.
boost::asio::awaitable<WebSocketError> failureOf(boost::asio::awaitable<void> work) {
  try {
    co_await std::move(work);
  } catch (const WebSocketFailure& failure) {
    co_return failure.error();
  }
  co_return WebSocketError{Kind::Network, "no failure", 0, 0};
}

WebSocketRequest to(const std::string& url, std::size_t maxMessageBytes = 4 * 1024 * 1024) {
  WebSocketRequest request;
  request.url = url;
  request.maxMessageBytes = maxMessageBytes;
  return request;
}

class WebSocketClientTest : public ::testing::Test {
 protected:
  boost::asio::io_context io_;
  WebSocketClient client_{io_};
};

TEST_F(WebSocketClientTest, MessagesGoBothWaysInOrder) {
  testsupport::WsTestServer server(
      [](const auto& peer) { peer->send("hello " + peer->target()); },
      [](const auto& peer, const std::string& text) { peer->send("echo " + text); });
  auto connection = client_.start(to(server.url() + "/gateway?v=10"));
  const auto received = run(io_, [&]() -> boost::asio::awaitable<std::vector<std::string>> {
    co_await connection->connect();
    for (const char* text : {"one", "two", "three"}) connection->send(text);
    std::vector<std::string> messages;
    for (int i = 0; i < 4; ++i) messages.push_back(co_await connection->read());
    co_return messages;
  }());
  EXPECT_EQ(received, (std::vector<std::string>{"hello /gateway?v=10", "echo one", "echo two",
                                                "echo three"}));
}

TEST_F(WebSocketClientTest, APeerCloseCarriesItsCodeAndReason) {
  testsupport::WsTestServer server(
      [](const auto& peer) { peer->close(4004, "Authentication failed."); },
      [](const auto&, const std::string&) {});
  auto connection = client_.start(to(server.url()));
  const WebSocketError error = run(io_, [&]() -> boost::asio::awaitable<WebSocketError> {
    co_await connection->connect();
    co_return co_await failureOf(
        [&]() -> boost::asio::awaitable<void> { co_await connection->read(); }());
  }());
  EXPECT_EQ(error.kind, Kind::Closed);
  EXPECT_EQ(error.closeCode, 4004);
  EXPECT_EQ(error.message, "Authentication failed.");
}

TEST_F(WebSocketClientTest, ADroppedConnectionIsANetworkFailure) {
  testsupport::WsTestServer server([](const auto& peer) { peer->drop(); },
                                   [](const auto&, const std::string&) {});
  auto connection = client_.start(to(server.url()));
  const WebSocketError error = run(io_, [&]() -> boost::asio::awaitable<WebSocketError> {
    co_await connection->connect();
    co_return co_await failureOf(
        [&]() -> boost::asio::awaitable<void> { co_await connection->read(); }());
  }());
  EXPECT_EQ(error.kind, Kind::Network);
  EXPECT_EQ(error.closeCode, 1006);
}

TEST_F(WebSocketClientTest, AnOversizedMessageFailsTheConnection) {
  testsupport::WsTestServer server([](const auto& peer) { peer->send(std::string(4096, 'x')); },
                                   [](const auto&, const std::string&) {});
  auto connection = client_.start(to(server.url(), 1024));
  const WebSocketError error = run(io_, [&]() -> boost::asio::awaitable<WebSocketError> {
    co_await connection->connect();
    co_return co_await failureOf(
        [&]() -> boost::asio::awaitable<void> { co_await connection->read(); }());
  }());
  EXPECT_EQ(error.kind, Kind::TooLarge);
}

TEST_F(WebSocketClientTest, ASendQueueOverItsBoundEndsTheConnection) {
  testsupport::WsTestServer server([](const auto&) {}, [](const auto&, const std::string&) {});
  WebSocketRequest request = to(server.url());
  request.maxQueuedMessages = 2;
  auto connection = client_.start(std::move(request));
  const WebSocketError error = run(io_, [&]() -> boost::asio::awaitable<WebSocketError> {
    co_await connection->connect();
    // All queued before the writer runs: the third is one too many.
    for (const char* text : {"one", "two", "three"}) connection->send(text);
    co_return co_await failureOf(
        [&]() -> boost::asio::awaitable<void> { co_await connection->read(); }());
  }());
  EXPECT_EQ(error.kind, Kind::Network);
  EXPECT_NE(error.message.find("more than 2 messages waiting"), std::string::npos) << error.message;
}

TEST_F(WebSocketClientTest, OurCloseEndsReadsAndReachesThePeer) {
  std::promise<std::shared_ptr<testsupport::WsTestPeer>> opened;
  std::promise<std::string> received;
  testsupport::WsTestServer server(
      [&](const auto& peer) { opened.set_value(peer); },
      [&](const auto&, const std::string& text) { received.set_value(text); });
  auto connection = client_.start(to(server.url()));
  const WebSocketError error = run(io_, [&]() -> boost::asio::awaitable<WebSocketError> {
    co_await connection->connect();
    connection->send("last words");
    connection->close(1000, "done");
    co_return co_await failureOf(
        [&]() -> boost::asio::awaitable<void> { co_await connection->read(); }());
  }());
  EXPECT_EQ(error.kind, Kind::Cancelled);
  // The queued message went out before the close frame, which ended the server's side.
  auto text = received.get_future();
  ASSERT_EQ(text.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(text.get(), "last words");
  const auto peer = opened.get_future().get();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (peer->open() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);  // polling the peer's state, bounded by the deadline
  }
  EXPECT_FALSE(peer->open());
}

TEST_F(WebSocketClientTest, BadUrlsRefusedAddressesAndClosedPortsFailToConnect) {
  const auto connectError = [&](WebSocketRequest request) {
    auto connection = client_.start(std::move(request));
    io_.restart();
    return run(io_, failureOf(connection->connect()));
  };
  EXPECT_EQ(connectError(to("http://127.0.0.1:1/")).kind, Kind::BadUrl);
  boost::asio::ip::tcp::acceptor unused(io_, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::string closedPort = std::to_string(unused.local_endpoint().port());
  unused.close();
  EXPECT_EQ(connectError(to("ws://127.0.0.1:" + closedPort + "/")).kind, Kind::Connect);
  WebSocketRequest guarded = to("ws://127.0.0.1:" + closedPort + "/");
  guarded.checkAddress = [](const boost::asio::ip::address&) -> std::optional<std::string> {
    return "loopback is private";
  };
  EXPECT_EQ(connectError(std::move(guarded)).kind, Kind::Refused);
}

}  // namespace
}  // namespace openclaw::net
