#include "channels/irc/irc_transport.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <istream>

namespace openclaw::channels::irc {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

// A server line longer than this is a broken or hostile server, not IRC.
constexpr std::size_t kMaxInputLine = 16 * 1024;

auto awaitable(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

}  // namespace

IrcTransport::IrcTransport(asio::io_context& io, std::shared_ptr<asio::ssl::context> tls)
    : tlsContext_(std::move(tls)), resolver_(io), input_(kMaxInputLine) {
  if (tlsContext_) {
    secure_ = std::make_unique<TlsStream>(io, *tlsContext_);
  } else {
    plain_ = std::make_unique<Tcp::socket>(io);
  }
}

IrcTransport::Tcp::socket& IrcTransport::socket() {
  return secure_ ? secure_->next_layer() : *plain_;
}

template <class Operation>
auto IrcTransport::withStream(Operation operation) {
  return secure_ ? operation(*secure_) : operation(*plain_);
}

asio::awaitable<std::string> IrcTransport::connect(std::string host, int port, error_code& ec) {
  const auto endpoints =
      co_await resolver_.async_resolve(host, std::to_string(port), awaitable(ec));
  if (ec) co_return "cannot resolve " + host;
  co_await asio::async_connect(socket(), endpoints, awaitable(ec));
  if (ec) co_return "cannot connect to " + host;
  if (!secure_) co_return "";
  if (!SSL_set_tlsext_host_name(secure_->native_handle(), host.c_str())) {
    ec = asio::error::invalid_argument;
    co_return "cannot set TLS server name " + host;
  }
  secure_->set_verify_callback(asio::ssl::host_name_verification(host));
  co_await secure_->async_handshake(asio::ssl::stream_base::client, awaitable(ec));
  co_return ec ? "TLS handshake with " + host + " failed" : "";
}

asio::awaitable<std::string> IrcTransport::readLine(error_code& ec) {
  co_await withStream(
      [&](auto& stream) { return asio::async_read_until(stream, input_, '\n', awaitable(ec)); });
  if (ec) co_return "";
  std::istream in(&input_);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  co_return line;
}

asio::awaitable<void> IrcTransport::writeLine(std::string line, error_code& ec) {
  output_ = std::move(line) + "\r\n";
  co_await withStream([&](auto& stream) {
    return asio::async_write(stream, asio::buffer(output_), awaitable(ec));
  });
}

void IrcTransport::close() {
  resolver_.cancel();
  error_code ignored;
  socket().shutdown(Tcp::socket::shutdown_both, ignored);
  socket().close(ignored);
}

}  // namespace openclaw::channels::irc
