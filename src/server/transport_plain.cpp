// Plain TCP connections: HTTP and WebSocket without TLS.
#include "server/transport_session.h"

namespace openclaw::server::detail {

asio::awaitable<void> servePlain(TransportShared& shared, tcp::socket socket) {
  std::string remoteAddress = remoteAddressOf(socket);
  beast::tcp_stream stream(std::move(socket));
  if (co_await serveHttp(shared, stream, std::move(remoteAddress))) co_return;
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace openclaw::server::detail
