#include "channels/irc/irc_transport.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <istream>

namespace openclaw::channels::irc {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

// A server line longer than this is a broken or hostile server, not IRC.
constexpr std::size_t kMaxInputLine = 16 * 1024;

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
void IrcTransport::withStream(Operation operation) {
  if (secure_) {
    operation(*secure_);
  } else {
    operation(*plain_);
  }
}

void IrcTransport::connect(const std::string& host, int port, ErrorHandler done) {
  resolver_.async_resolve(
      host, std::to_string(port),
      [self = shared_from_this(), host, done = std::move(done)](
          const error_code& ec, const Tcp::resolver::results_type& endpoints) mutable {
        if (ec) return done(ec, "cannot resolve " + host);
        asio::async_connect(self->socket(), endpoints,
                            [self, host, done = std::move(done)](const error_code& connectError,
                                                                 const Tcp::endpoint&) {
                              if (connectError)
                                return done(connectError, "cannot connect to " + host);
                              if (!self->secure_) return done(connectError, "");
                              self->handshake(host, std::move(done));
                            });
      });
}

void IrcTransport::handshake(const std::string& host, ErrorHandler done) {
  if (!SSL_set_tlsext_host_name(secure_->native_handle(), host.c_str())) {
    return done(asio::error::invalid_argument, "cannot set TLS server name " + host);
  }
  secure_->set_verify_callback(asio::ssl::host_name_verification(host));
  secure_->async_handshake(
      asio::ssl::stream_base::client,
      [self = shared_from_this(), host, done = std::move(done)](const error_code& ec) {
        done(ec, ec ? "TLS handshake with " + host + " failed" : "");
      });
}

void IrcTransport::readLine(std::function<void(const error_code&, std::string line)> done) {
  withStream([&](auto& stream) {
    asio::async_read_until(
        stream, input_, '\n',
        [self = shared_from_this(), done = std::move(done)](const error_code& ec, std::size_t) {
          if (ec) return done(ec, "");
          std::istream in(&self->input_);
          std::string line;
          std::getline(in, line);
          if (!line.empty() && line.back() == '\r') line.pop_back();
          done(ec, std::move(line));
        });
  });
}

void IrcTransport::writeLine(std::string line, std::function<void(const error_code&)> done) {
  output_ = std::move(line) + "\r\n";
  withStream([&](auto& stream) {
    asio::async_write(stream, asio::buffer(output_),
                      [self = shared_from_this(), done = std::move(done)](
                          const error_code& ec, std::size_t) { done(ec); });
  });
}

void IrcTransport::close() {
  resolver_.cancel();
  error_code ignored;
  socket().shutdown(Tcp::socket::shutdown_both, ignored);
  socket().close(ignored);
}

}  // namespace openclaw::channels::irc
