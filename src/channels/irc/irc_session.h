#pragma once

#include "core/awaitable.h"
// (first: the Asio headers below include awaitable.hpp too)
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "channels/channel.h"
#include "channels/irc/irc_message.h"
#include "channels/irc/irc_settings.h"
#include "channels/irc/irc_transport.h"
#include "channels/irc/send_pacer.h"

namespace openclaw::channels::irc {

// What a session reports to its owner (on the event-loop thread).
struct IrcSessionEvents {
  std::function<void(InboundMessage)> inbound;
  std::function<void()> statusChanged;
};

// One IRC account's link to its server: connect, register, identify, join, read messages,
// send paced lines, and reconnect with backoff whenever the connection drops, until stop().
class IrcSession : public std::enable_shared_from_this<IrcSession> {
 public:
  IrcSession(boost::asio::io_context& io, IrcSettings settings, IrcSessionEvents events);

  void start();
  // Sends QUIT when registered, closes the connection and calls `done`. Pending sends fail.
  void stop(std::function<void()> done);
  // Applies settings that need no new connection (see IrcSettings::sameConnection): joins
  // added channels, parts removed ones, and takes the new chunk, pacing and backoff values.
  void update(const IrcSettings& settings);

  // Queues `message` as paced PRIVMSG lines; `done` runs once all are written to the server,
  // or with notLinked when the session is not registered with the server right now.
  void send(const OutboundMessage& message, std::function<void(SendResult)> done);

  AccountStatus status() const;
  // The nick the server knows us by (the configured one, or a fallback after a collision).
  const std::string& nick() const { return nick_; }

 private:
  struct PendingSend;
  struct QueuedLine {
    std::string line;
    std::shared_ptr<PendingSend> send;  // the send this line belongs to, if any
  };

  void connect();
  // Connects `transport`, then reads and handles its lines until it is no longer current.
  boost::asio::awaitable<void> readLoop(std::shared_ptr<IrcSession> self,
                                        std::shared_ptr<IrcTransport> transport);
  void connected(const std::shared_ptr<IrcTransport>& transport);
  void handle(const IrcMessage& message);
  void registered(const IrcMessage& welcome);
  void handlePrivmsg(const IrcMessage& message);
  void lost(const std::string& error);
  void scheduleReconnect();
  void armWatchdog(std::chrono::milliseconds budget);

  // Control lines (registration, PONG, JOIN, QUIT) skip the pacer and go first.
  void writeControl(std::string line);
  // Writes the queued lines of `transport`'s connection, control lines first, paced ones when
  // the pacer lets them go; sleeps on wake_ otherwise. Ends with the connection, or after QUIT
  // when stopping.
  boost::asio::awaitable<void> writeLoop(std::shared_ptr<IrcSession> self,
                                         std::shared_ptr<IrcTransport> transport);
  void finishSend(const std::shared_ptr<PendingSend>& send, const std::string& error);
  void failQueued(const std::string& error);
  std::string nextId();
  bool current(const std::shared_ptr<IrcTransport>& transport) const {
    return transport == transport_;
  }

  boost::asio::io_context& io_;
  IrcSettings settings_;
  IrcSessionEvents events_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::shared_ptr<IrcTransport> transport_;
  boost::asio::steady_timer reconnectTimer_;
  boost::asio::steady_timer wake_;  // the write loop waits on it: for the pacer or new lines
  boost::asio::steady_timer watchdog_;
  SendPacer pacer_;
  std::mt19937 random_;

  std::deque<QueuedLine> control_;
  std::deque<QueuedLine> paced_;
  std::function<void()> stopDone_;

  bool running_ = false;
  bool registered_ = false;
  std::string nick_;
  std::int64_t epochMs_ = 0;  // when the current connection registered: scopes message ids
  std::uint64_t counter_ = 0;
  int reconnectAttempts_ = 0;
  std::string lastError_;
  std::string serverError_;  // what the server said before closing the current connection
  std::optional<std::int64_t> lastConnectedAtMs_;
  std::optional<std::int64_t> lastInboundAtMs_;
  std::optional<std::int64_t> lastOutboundAtMs_;
};

}  // namespace openclaw::channels::irc
