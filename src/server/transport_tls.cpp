// TLS connections: the first bytes must be a TLS handshake record, then HTTP and WebSocket run
// inside the TLS stream with the same serving code as plain connections.
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "server/transport_session.h"

namespace openclaw::server::detail {
namespace {

namespace ssl = asio::ssl;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// A TLS connection starts with a handshake record (content type 22).
constexpr unsigned char kHandshakeRecord = 0x16;
// The first read, handed to OpenSSL as the start of the ClientHello.
constexpr std::size_t kFirstReadBytes = 4096;
// A plain-HTTP client is answered, then what it still sends is read (up to this much, for up to
// this long) so that closing does not reset the connection before it read the answer.
constexpr std::size_t kPlainDrainBytes = 16 * 1024;
constexpr auto kPlainDrainTimeout = std::chrono::seconds(2);
// How long the close_notify exchange at the end of a connection may take.
constexpr auto kShutdownTimeout = std::chrono::seconds(2);
// Evictions of pending handshakes are logged at most this often.
constexpr auto kEvictionLogInterval = std::chrono::seconds(10);

constexpr std::string_view kPlainHttpBody = "This port speaks TLS: use https:// or wss://\n";

std::string plainHttpAnswer() {
  return "HTTP/1.1 400 Bad Request\r\nServer: openclaw-gateway\r\n"
         "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: " +
         std::to_string(kPlainHttpBody.size()) + "\r\n\r\n" + std::string(kPlainHttpBody);
}

// An HTTP request line starts with an upper-case method name.
bool looksLikeHttp(unsigned char first) { return first >= 'A' && first <= 'Z'; }

asio::awaitable<void> refusePlainHttp(beast::tcp_stream& stream) {
  beast::error_code ec;
  const std::string answer = plainHttpAnswer();
  co_await asio::async_write(stream, asio::buffer(answer), awaitable(ec));
  if (ec) co_return;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(kPlainDrainTimeout);
  std::array<char, 4096> sink{};
  std::size_t drained = 0;
  while (!ec && drained < kPlainDrainBytes) {
    drained += co_await stream.async_read_some(asio::buffer(sink), awaitable(ec));
  }
}

}  // namespace

PendingHandshakes::Entry::Entry(PendingHandshakes& owner, std::function<void()> abort)
    : owner_(owner), abort_(std::move(abort)) {
  if (owner_.entries_.size() >= owner_.bound_) {
    Entry* oldest = owner_.entries_.front();
    owner_.entries_.pop_front();
    oldest->listed_ = false;
    oldest->abort_();
    ++owner_.evictedSinceLog_;
    const auto now = std::chrono::steady_clock::now();
    if (now - owner_.lastLog_ >= kEvictionLogInterval) {
      core::logger("tls")->warn(
          "{} connection(s) without a finished TLS handshake closed: more than {} were pending "
          "(a handshake flood?)",
          owner_.evictedSinceLog_, owner_.bound_);
      owner_.evictedSinceLog_ = 0;
      owner_.lastLog_ = now;
    }
  }
  position_ = owner_.entries_.insert(owner_.entries_.end(), this);
}

PendingHandshakes::Entry::~Entry() {
  if (listed_) owner_.entries_.erase(position_);
}

asio::awaitable<void> serveTls(TransportShared& shared, tcp::socket socket,
                               std::shared_ptr<ssl::context> context, PendingHandshakes& pending) {
  std::string remoteAddress = remoteAddressOf(socket);
  TlsStream stream(std::move(socket), *context);
  beast::tcp_stream& tcpStream = beast::get_lowest_layer(stream);
  beast::error_code ec;
  {
    const PendingHandshakes::Entry entry(pending, [&tcpStream] { tcpStream.close(); });
    tcpStream.expires_after(std::chrono::milliseconds(shared.limits.handshakeTimeoutMs));
    beast::flat_buffer first;
    first.commit(co_await tcpStream.async_read_some(first.prepare(kFirstReadBytes), awaitable(ec)));
    if (ec) co_return;
    const auto byte = static_cast<const unsigned char*>(first.data().data())[0];
    if (byte != kHandshakeRecord) {
      core::logger("tls")->debug("{} sent {} instead of a TLS handshake; {}", remoteAddress,
                                 looksLikeHttp(byte) ? "plain HTTP" : "other bytes",
                                 looksLikeHttp(byte) ? "answered 400" : "closed");
      if (looksLikeHttp(byte)) co_await refusePlainHttp(tcpStream);
      co_return;
    }
    co_await stream.async_handshake(ssl::stream_base::server, first.data(), awaitable(ec));
    if (ec) {
      core::logger("tls")->debug("TLS handshake with {} failed: {}", remoteAddress, ec.message());
      co_return;
    }
    tcpStream.expires_never();
  }
  if (co_await serveHttp(shared, stream, std::move(remoteAddress))) co_return;
  tcpStream.expires_after(kShutdownTimeout);
  co_await stream.async_shutdown(awaitable(ec));
  tcpStream.close();
}

}  // namespace openclaw::server::detail
