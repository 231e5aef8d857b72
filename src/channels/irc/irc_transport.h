#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/streambuf.hpp>
#include <functional>
#include <memory>
#include <string>
#include <system_error>

namespace openclaw::channels::irc {

// One TCP or TLS connection to an IRC server that reads and writes whole lines. Every
// completion holds a reference to the transport, so it may be dropped with operations pending.
// The caller runs at most one write and one read at a time.
class IrcTransport : public std::enable_shared_from_this<IrcTransport> {
 public:
  using ErrorHandler = std::function<void(const boost::system::error_code&, std::string what)>;

  // `tls` null: plain TCP. Otherwise the server certificate is verified against `tls`'s trust
  // store and must name `host`.
  IrcTransport(boost::asio::io_context& io, std::shared_ptr<boost::asio::ssl::context> tls);

  // Resolves, connects and (with TLS) completes the handshake. `what` describes a failure.
  void connect(const std::string& host, int port, ErrorHandler done);
  // Reads one line (without its line ending).
  void readLine(std::function<void(const boost::system::error_code&, std::string line)> done);
  // Writes `line` followed by CR LF.
  void writeLine(std::string line, std::function<void(const boost::system::error_code&)> done);
  // Closes the socket; pending operations complete with an error.
  void close();

 private:
  using Tcp = boost::asio::ip::tcp;
  using TlsStream = boost::asio::ssl::stream<Tcp::socket>;

  Tcp::socket& socket();
  template <class Operation>
  void withStream(Operation operation);
  void handshake(const std::string& host, ErrorHandler done);

  std::shared_ptr<boost::asio::ssl::context> tlsContext_;
  Tcp::resolver resolver_;
  std::unique_ptr<Tcp::socket> plain_;
  std::unique_ptr<TlsStream> secure_;
  boost::asio::streambuf input_;
  std::string output_;
};

}  // namespace openclaw::channels::irc
