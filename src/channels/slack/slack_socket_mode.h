#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>

#include "channels/slack/slack_events.h"
#include "channels/slack/slack_web_api.h"
#include "net/websocket_client.h"

namespace openclaw::channels::slack {

// One app's Socket Mode link: apps.connections.open with the app-level token gives a wss URL;
// the connection is up once Slack sends `hello`. Each envelope with an envelope_id goes to
// `onEnvelope` with an `ack` that sends {"envelope_id"} on the connection it came from (Slack
// redelivers what is not acknowledged within 3 s). A `disconnect` envelope (refresh_requested,
// warning) opens a fresh connection at once; a dropped connection is reopened after a backoff
// (2 s doubling to 30 s). Errors that retrying cannot fix (a refused app token, link_disabled)
// stop it. Event-loop thread only.
class SocketModeLink : public std::enable_shared_from_this<SocketModeLink> {
 public:
  struct Handlers {
    std::function<void()> onHello;
    std::function<void(SocketEnvelope envelope, std::function<void()> ack)> onEnvelope;
    // The link went down (`fatal`: for good) with this reason.
    std::function<void(const std::string& reason, bool fatal)> onDown;
  };

  SocketModeLink(boost::asio::io_context& io, std::shared_ptr<WebApi> api, std::string appToken,
                 Handlers handlers);

  void start();
  // Closes the connection; no handler runs afterwards.
  void stop();

 private:
  void open();
  void connect(const std::string& url);
  boost::asio::awaitable<void> readLoop(std::shared_ptr<net::WebSocketConnection> connection);
  void onFrame(const std::shared_ptr<net::WebSocketConnection>& connection,
               const std::string& text);
  void down(const std::string& reason, bool fatal);

  boost::asio::io_context& io_;
  std::shared_ptr<WebApi> api_;
  std::string appToken_;
  Handlers handlers_;
  net::WebSocketClient client_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<net::WebSocketConnection> connection_;
  std::shared_ptr<net::HttpExchange> opening_;
  int attempts_ = 0;
  bool stopped_ = false;
};

}  // namespace openclaw::channels::slack
