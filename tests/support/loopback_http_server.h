#pragma once

// <utility> first: Boost.Asio's awaitable.hpp uses std::exchange without including it.
// clang-format off
#include <utility>
#include <boost/asio/awaitable.hpp>
// clang-format on
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <string>
#include <thread>

namespace openclaw::testsupport {

// An HTTP server on 127.0.0.1 (ephemeral port) for the fake APIs of the tests: accepts on its own
// thread, reads one request per connection and hands the socket and the request to `handler`,
// which answers on the socket however it likes (a body, a chunked stream, nothing); the
// connection is closed when the handler returns. Handlers needing timers take the executor from
// `co_await boost::asio::this_coro::executor`.
//
// Lifetime: handlers run on the server's thread until stop(), and their coroutines (hanging ones
// included) are destroyed only with the server, so whatever a handler references must outlive the
// server: declare the server after that state, so it is stopped and destroyed first.
class LoopbackHttpServer {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Handler =
      std::function<boost::asio::awaitable<void>(boost::asio::ip::tcp::socket&, const Request&)>;

  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();  // stop()
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:<port>"
  // Stops serving and joins the thread; idempotent. Open connections stay open until the server
  // is destroyed.
  void stop();

 private:
  boost::asio::awaitable<void> accept();
  boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);

  Handler handler_;  // declared before io_: outlives the coroutines io_ destroys
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

}  // namespace openclaw::testsupport
