#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace openclaw::testsupport {

// One accepted connection of a WsTestServer. Thread-safe; sends after the peer left are dropped.
class WsTestPeer {
 public:
  virtual ~WsTestPeer() = default;
  virtual void send(const std::string& text) = 0;
  // Sends a close frame with `code`/`reason` and ends the connection.
  virtual void close(std::uint16_t code, const std::string& reason) = 0;
  // Drops the TCP connection without a close frame (a network failure as the client sees it).
  virtual void drop() = 0;
  virtual std::string target() const = 0;  // the upgrade request's path and query
  virtual bool open() const = 0;
};

// A plain-ws server on 127.0.0.1 (ephemeral port) for fakes of services that speak WebSocket
// (Discord Gateway, Slack Socket Mode). Every upgrade is accepted; `onOpen` runs for each new
// connection and `onMessage` for each text message, both on the server's own thread (do not
// block there). Stopping closes every connection.
class WsTestServer {
 public:
  using OnOpen = std::function<void(const std::shared_ptr<WsTestPeer>&)>;
  using OnMessage = std::function<void(const std::shared_ptr<WsTestPeer>&, const std::string&)>;

  WsTestServer(OnOpen onOpen, OnMessage onMessage);
  ~WsTestServer();  // stop()
  WsTestServer(const WsTestServer&) = delete;
  WsTestServer& operator=(const WsTestServer&) = delete;

  std::string url() const;  // "ws://127.0.0.1:<port>"
  std::uint16_t port() const;
  int connectionsAccepted() const;
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace openclaw::testsupport
