#include "loopback_http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

namespace openclaw::testsupport {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

LoopbackHttpServer::LoopbackHttpServer(Handler handler)
    : handler_(std::move(handler)),
      acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  asio::co_spawn(io_, accept(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

LoopbackHttpServer::~LoopbackHttpServer() { stop(); }

int LoopbackHttpServer::port() const { return acceptor_.local_endpoint().port(); }

std::string LoopbackHttpServer::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port());
}

void LoopbackHttpServer::stop() {
  if (!thread_.joinable()) return;
  io_.stop();
  thread_.join();
}

asio::awaitable<void> LoopbackHttpServer::accept() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> LoopbackHttpServer::serve(tcp::socket socket) {
  beast::error_code ec;
  beast::flat_buffer buffer;
  Request request;
  co_await http::async_read(socket, buffer, request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  co_await handler_(socket, request);
}

}  // namespace openclaw::testsupport
