// The transport's streamed responses, hang-up detection and per-route body limits, over real
// loopback sockets: the router's handlers run on the transport's io_context thread.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "rpc/http_router.h"
#include "server/transport.h"

namespace openclaw::server {
namespace {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

class NoWebSockets final : public ConnectionObserver {
 public:
  void onOpen(const std::shared_ptr<rpc::Connection>&) override {}
  void onMessage(const std::shared_ptr<rpc::Connection>&, std::string) override {}
  void onClosed(const std::shared_ptr<rpc::Connection>&) override {}
};

class HttpStreamingTest : public ::testing::Test {
 protected:
  void start() {
    transport_ = std::make_unique<Transport>(io_, observer_, router_, config::GatewayLimits{},
                                             originPolicy_);
    transport_->listen({"127.0.0.1"}, 0);
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    asio::post(io_, [this] { transport_->stopAccepting(); });
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  tcp::socket connect() {
    tcp::socket socket(client_);
    socket.connect(
        {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(transport_->port())});
    return socket;
  }

  // Everything the server sends until it closes the connection.
  static std::string readAll(tcp::socket& socket) {
    std::string all;
    boost::system::error_code ec;
    std::array<char, 4096> chunk{};
    while (true) {
      const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
      if (ec) return all;
      all.append(chunk.data(), n);
    }
  }

  asio::io_context io_;
  asio::io_context client_;
  NoWebSockets observer_;
  rpc::HttpRouter router_;
  config::ControlUiSettings originPolicy_;
  std::unique_ptr<Transport> transport_;
  std::thread thread_;
};

// Each piece goes out as a chunk while the handler is still producing: the client reads the
// first piece before the handler writes the second.
TEST_F(HttpStreamingTest, PiecesArriveAsTheyAreWritten) {
  std::shared_ptr<rpc::HttpBodyStream> body;
  router_.addAsync("GET", "/events",
                   [&](const rpc::HttpRequest&, rpc::HttpRouter::Respond respond) {
                     body = std::make_shared<rpc::HttpBodyStream>();
                     respond(rpc::HttpResponse::eventStream(body));
                     body->write("data: one\n\n");
                   });
  start();
  tcp::socket socket = connect();
  asio::write(
      socket,
      asio::buffer(std::string("GET /events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
  asio::streambuf received;
  asio::read_until(socket, received, "data: one\n\n");
  const std::string head(asio::buffers_begin(received.data()), asio::buffers_end(received.data()));
  EXPECT_NE(head.find("Transfer-Encoding: chunked"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Type: text/event-stream"), std::string::npos) << head;
  asio::post(io_, [&] {
    body->write("data: [DONE]\n\n");
    body->end();
  });
  const std::string rest = readAll(socket);
  EXPECT_NE(rest.find("data: [DONE]\n\n"), std::string::npos) << rest;
  EXPECT_NE(rest.find("\r\n0\r\n\r\n"), std::string::npos) << "no last chunk: " << rest;
}

// A client that goes away while the handler is still working is reported through the
// request's client link, for both streamed and plain answers.
TEST_F(HttpStreamingTest, ClientHangUpIsReported) {
  std::promise<void> gone;
  router_.addAsync("POST", "/slow", [&](const rpc::HttpRequest& request, rpc::HttpRouter::Respond) {
    request.client->onGone([&gone] { gone.set_value(); });
  });
  start();
  {
    tcp::socket socket = connect();
    asio::write(
        socket,
        asio::buffer(std::string("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")));
  }  // closed without waiting for an answer
  EXPECT_EQ(gone.get_future().wait_for(10s), std::future_status::ready);
}

// A stream the client does not read is cut off once its buffer bound is passed.
TEST_F(HttpStreamingTest, UnreadStreamOverflowsAndIsDropped) {
  std::promise<bool> overflowed;
  router_.addAsync(
      "GET", "/flood", [&](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
        auto body = std::make_shared<rpc::HttpBodyStream>(64 * 1024);
        respond(rpc::HttpResponse::eventStream(body));
        request.client->onGone([&overflowed, body] { overflowed.set_value(body->overflowed()); });
        const std::string piece(16 * 1024, 'x');
        while (body->write(piece)) {
        }
      });
  start();
  tcp::socket socket = connect();
  asio::write(socket, asio::buffer(std::string("GET /flood HTTP/1.1\r\nHost: x\r\n\r\n")));
  auto result = overflowed.get_future();
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(result.get());
}

// The route's own body limit applies; past it the answer is 413 in the OpenAI error envelope.
TEST_F(HttpStreamingTest, RouteBodyLimitAnswers413) {
  router_.add("POST", "/small",
              [](const rpc::HttpRequest&) { return rpc::HttpResponse::json(200, "{}"); });
  router_.limitBody("/small", 10);
  start();
  tcp::socket socket = connect();
  asio::write(socket,
              asio::buffer(std::string(
                  "POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n01234567890")));
  const std::string answer = readAll(socket);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find(R"("type":"invalid_request_error")"), std::string::npos) << answer;

  tcp::socket fits = connect();
  asio::write(fits, asio::buffer(std::string("POST /small HTTP/1.1\r\nHost: x\r\nConnection: "
                                             "close\r\nContent-Length: 10\r\n\r\n0123456789")));
  EXPECT_EQ(readAll(fits).rfind("HTTP/1.1 200", 0), 0u);
}

}  // namespace
}  // namespace openclaw::server
