#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "net/websocket_client.h"

namespace openclaw::browser {

// A CDP call that failed: the browser's error message, a timeout, or the connection going away.
class CdpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One Chrome DevTools Protocol connection to a browser's WebSocket endpoint
// (ws://127.0.0.1:<port>/devtools/browser/<id>). Page commands go through sessions attached
// with Target.attachToTarget {flatten: true}: their `sessionId` rides on each message. Events are
// not used. Bounds: at most kMaxPending calls in flight, messages up to kMaxMessageBytes, every
// call has a timeout. Runs on one io_context thread.
class CdpConnection : public std::enable_shared_from_this<CdpConnection> {
 public:
  static constexpr std::size_t kMaxPending = 64;
  static constexpr std::size_t kMaxMessageBytes = 48 * 1024 * 1024;

  // Connects (within `timeout`) and starts reading. Throws CdpError.
  static boost::asio::awaitable<std::shared_ptr<CdpConnection>> open(
      boost::asio::io_context& io, const std::string& webSocketUrl,
      std::chrono::milliseconds timeout);
  ~CdpConnection();

  // Sends `method` (to the page session `sessionId` when not empty) and returns its `result`.
  // Throws CdpError on an error answer, after `timeout`, or when the connection ends.
  boost::asio::awaitable<nlohmann::json> call(const std::string& method, nlohmann::json params,
                                              const std::string& sessionId,
                                              std::chrono::milliseconds timeout);

  bool closed() const { return closed_; }
  void close();

 private:
  struct Pending {
    explicit Pending(boost::asio::io_context& io) : timer(io) {}
    boost::asio::steady_timer timer;
    std::optional<nlohmann::json> result;
    std::optional<std::string> error;
  };

  CdpConnection(boost::asio::io_context& io, std::shared_ptr<net::WebSocketConnection> socket)
      : io_(io), socket_(std::move(socket)) {}
  static boost::asio::awaitable<void> readLoop(std::shared_ptr<CdpConnection> self);
  void deliver(const std::string& message);
  void failAll(const std::string& reason);

  boost::asio::io_context& io_;
  std::unique_ptr<net::WebSocketClient> client_;
  std::shared_ptr<net::WebSocketConnection> socket_;
  std::map<std::int64_t, std::shared_ptr<Pending>> pending_;
  std::int64_t nextId_ = 1;
  bool closed_ = false;
  std::string closeReason_;
};

}  // namespace openclaw::browser
