#include "channels/slack/slack_socket_mode.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/backoff.h"
#include "core/json_fields.h"
#include "core/logging.h"

namespace openclaw::channels::slack {
namespace {

using namespace std::chrono_literals;

constexpr auto kOpenWait = 30s;
// A Socket Mode frame is an Events API payload: far below this.
constexpr std::size_t kMaxFrameBytes = 1024 * 1024;
// A ping after 15 s of silence, and a link whose pong does not come within 15 s more is dead
// (upstream's 15 s pong timeout); it is then reopened like a dropped one.
constexpr auto kIdleTimeout = 30s;

auto log() { return core::logger("slack"); }

}  // namespace

SocketModeLink::SocketModeLink(boost::asio::io_context& io, std::shared_ptr<WebApi> api,
                               std::string appToken, Handlers handlers)
    : io_(io),
      api_(std::move(api)),
      appToken_(std::move(appToken)),
      handlers_(std::move(handlers)),
      client_(io),
      timer_(io) {}

void SocketModeLink::start() { open(); }

void SocketModeLink::stop() {
  stopped_ = true;
  timer_.cancel();
  if (opening_) opening_->cancel();
  opening_.reset();
  if (auto connection = std::exchange(connection_, nullptr)) connection->close(1000, "stopping");
  handlers_ = {};
}

void SocketModeLink::open() {
  opening_ = api_->call("apps.connections.open", appToken_, {}, kOpenWait,
                        [self = shared_from_this()](ApiResult result) {
                          if (self->stopped_) return;
                          self->opening_.reset();
                          const std::string url =
                              result.body.is_object()
                                  ? core::stringField(result.body, "url").value_or("")
                                  : std::string();
                          if (!result.ok || url.empty()) {
                            if (result.authFailed()) {
                              self->down("slack refused the app-level token (" + result.error +
                                             "): appToken must be an xapp- token with "
                                             "connections:write",
                                         true);
                              return;
                            }
                            self->down("apps.connections.open failed: " +
                                           (result.error.empty() ? "no url" : result.error),
                                       false);
                            return;
                          }
                          self->connect(url);
                        });
}

void SocketModeLink::connect(const std::string& url) {
  net::WebSocketRequest request;
  request.url = url;
  request.maxMessageBytes = kMaxFrameBytes;
  request.idleTimeout = kIdleTimeout;
  auto connection = client_.start(std::move(request));
  if (auto previous = std::exchange(connection_, connection)) {
    previous->close(1000, "refreshed");
  }
  boost::asio::co_spawn(io_, readLoop(connection), boost::asio::detached);
}

boost::asio::awaitable<void> SocketModeLink::readLoop(
    std::shared_ptr<net::WebSocketConnection> connection) {
  auto self = shared_from_this();
  std::string reason;
  try {
    co_await connection->connect();
    while (true) {
      const std::string text = co_await connection->read();
      if (stopped_ || connection != connection_) co_return;
      onFrame(connection, text);
    }
  } catch (const net::WebSocketFailure& failure) {
    if (failure.error().kind == net::WebSocketError::Kind::Cancelled) co_return;
    reason = failure.error().message.empty() ? "connection closed" : failure.error().message;
  }
  if (stopped_ || connection != connection_) co_return;
  connection_.reset();
  down("socket mode connection lost: " + reason, false);
}

void SocketModeLink::onFrame(const std::shared_ptr<net::WebSocketConnection>& connection,
                             const std::string& text) {
  auto envelope = parseEnvelope(text);
  if (!envelope) {
    log()->warn("slack socket mode: ignored a frame that is not an envelope");
    return;
  }
  if (envelope->type == "hello") {
    attempts_ = 0;
    if (auto onHello = handlers_.onHello) onHello();
    return;
  }
  if (envelope->type == "disconnect") {
    if (envelope->reason == "link_disabled") {
      down("Socket Mode was turned off for the app (link_disabled)", true);
      return;
    }
    log()->info("slack socket mode: disconnect ({}); opening a new connection", envelope->reason);
    open();
    return;
  }
  if (envelope->envelopeId.empty()) return;
  const std::string ack = envelopeAck(envelope->envelopeId);
  std::weak_ptr<net::WebSocketConnection> weak = connection;
  auto acknowledge = [weak, ack] {
    if (auto open = weak.lock()) open->send(ack);
  };
  if (auto onEnvelope = handlers_.onEnvelope)
    onEnvelope(std::move(*envelope), std::move(acknowledge));
}

void SocketModeLink::down(const std::string& reason, bool fatal) {
  log()->warn("slack socket mode: {}", reason);
  if (auto opening = std::exchange(opening_, nullptr)) opening->cancel();
  if (auto connection = std::exchange(connection_, nullptr)) connection->cancel();
  // A copy: the handler may stop this link, which drops the handlers.
  if (auto onDown = handlers_.onDown) onDown(reason, fatal);
  if (fatal || stopped_) return;
  timer_.expires_after(core::backoffDelay(attempts_++, 2s, 30s));
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec && !self->stopped_) self->open();
  });
}

}  // namespace openclaw::channels::slack
