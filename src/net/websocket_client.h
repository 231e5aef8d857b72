#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "net/http_client.h"

namespace openclaw::net {

struct WebSocketRequest {
  std::string url;      // ws:// or wss://, with path and query
  HttpHeaders headers;  // added to the upgrade request (e.g. Authorization)
  // Resolving, connecting, the TLS handshake and the upgrade together must finish within this.
  std::chrono::milliseconds connectTimeout{15'000};
  // A received message larger than this fails the connection (close code 1009).
  std::size_t maxMessageBytes = 4 * 1024 * 1024;
  // Messages send() may queue while earlier ones are written; one more ends the connection (a
  // peer that stopped reading), which the pending read() reports as Kind::Network.
  std::size_t maxQueuedMessages = 1024;
  // When set: once the connection is open, a ping goes out after half of this without a byte
  // from the peer, and a peer silent for all of it (no pong either) fails the pending read()
  // (Kind::Network), so a dead link that never closes is noticed. Zero: no pings, no limit.
  std::chrono::milliseconds idleTimeout{0};
  // As HttpRequest::checkAddress: every resolved address is checked before connecting.
  std::function<std::optional<std::string>(const boost::asio::ip::address&)> checkAddress;
};

struct WebSocketError {
  enum class Kind {
    BadUrl,     // not a usable ws(s) URL
    Connect,    // DNS, refused, unreachable, TLS handshake or certificate
    Refused,    // checkAddress refused a resolved address
    Timeout,    // connectTimeout passed
    Upgrade,    // the server answered the upgrade with `status` instead of 101
    Closed,     // the peer sent a close frame: `closeCode` and `message` (its reason)
    Network,    // the connection broke without a close frame (closeCode 1006)
    TooLarge,   // a message exceeded maxMessageBytes
    Cancelled,  // cancel() or close() was called
  };
  Kind kind = Kind::Network;
  std::string message;
  int status = 0;               // for Upgrade
  std::uint16_t closeCode = 0;  // for Closed (the peer's code) and Network (1006)
};

// What connect() and read() throw.
class WebSocketFailure : public std::runtime_error {
 public:
  explicit WebSocketFailure(WebSocketError error)
      : std::runtime_error(error.message), error_(std::move(error)) {}
  const WebSocketError& error() const { return error_; }

 private:
  WebSocketError error_;
};

// One client connection, driven by coroutines on the client's io_context: co_await connect()
// once, then co_await read() in one loop for each message as it arrives (text or binary, as
// bytes). send() queues a text message and returns at once; queued messages are written in
// order (a failed write ends the connection, which the pending read() reports). close() sends
// a close frame and ends the connection; cancel() drops it at once. After either, a pending
// or later read() throws Kind::Cancelled. Ping frames are answered automatically.
class WebSocketConnection {
 public:
  virtual ~WebSocketConnection() = default;
  virtual boost::asio::awaitable<void> connect() = 0;
  virtual boost::asio::awaitable<std::string> read() = 0;
  virtual void send(std::string text) = 0;
  virtual void close(std::uint16_t code, std::string reason) = 0;
  virtual void cancel() = 0;
  // Messages queued by send() and not yet written (for back-pressure decisions).
  virtual std::size_t queuedMessages() const = 0;
};

// WebSocket client over TCP or TLS (SNI, peer verified against the system CA store); each
// start() is its own connection. Runs on the given io_context; must be used from its thread.
class WebSocketClient {
 public:
  explicit WebSocketClient(boost::asio::io_context& io);
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // Nothing happens until connect() is awaited; a bad URL fails there (BadUrl).
  std::shared_ptr<WebSocketConnection> start(WebSocketRequest request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openclaw::net
