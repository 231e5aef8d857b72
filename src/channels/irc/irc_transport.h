#pragma once

#include "core/awaitable.h"
// (first: the Asio headers below include awaitable.hpp too)
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/streambuf.hpp>
#include <memory>
#include <string>

namespace openclaw::channels::irc {

// One TCP or TLS connection to an IRC server that reads and writes whole lines, as awaits that
// report failures through `ec`. The awaiting coroutine holds the transport. The caller runs at
// most one write and one read at a time.
class IrcTransport : public std::enable_shared_from_this<IrcTransport> {
 public:
  // `tls` null: plain TCP. Otherwise the server certificate is verified against `tls`'s trust
  // store and must name `host`.
  IrcTransport(boost::asio::io_context& io, std::shared_ptr<boost::asio::ssl::context> tls);

  // Resolves, connects and (with TLS) completes the handshake. Returns what failed, if `ec`.
  boost::asio::awaitable<std::string> connect(std::string host, int port,
                                              boost::system::error_code& ec);
  // Reads one line (without its line ending).
  boost::asio::awaitable<std::string> readLine(boost::system::error_code& ec);
  // Writes `line` followed by CR LF.
  boost::asio::awaitable<void> writeLine(std::string line, boost::system::error_code& ec);
  // Closes the socket; pending operations complete with an error.
  void close();

 private:
  using Tcp = boost::asio::ip::tcp;
  using TlsStream = boost::asio::ssl::stream<Tcp::socket>;

  Tcp::socket& socket();
  template <class Operation>
  auto withStream(Operation operation);

  std::shared_ptr<boost::asio::ssl::context> tlsContext_;
  Tcp::resolver resolver_;
  std::unique_ptr<Tcp::socket> plain_;
  std::unique_ptr<TlsStream> secure_;
  boost::asio::streambuf input_;
  std::string output_;
};

}  // namespace openclaw::channels::irc
