// The only translation unit of the WebSocket client that includes Boost.Beast.
#include "net/websocket_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <utility>
#include <variant>

#include "net/tls_client_context.h"

namespace openclaw::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using PlainWs = websocket::stream<tcp::socket>;
using TlsWs = websocket::stream<asio::ssl::stream<tcp::socket>>;
using Kind = WebSocketError::Kind;

constexpr std::uint16_t kAbnormalClosure = 1006;
constexpr std::chrono::seconds kCloseTimeout{5};

auto awaitable(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// ws://host/x -> http://host/x (and wss -> https), so parseHttpUrl splits it.
std::optional<HttpUrl> parseWebSocketUrl(const std::string& url) {
  if (url.starts_with("ws://")) return parseHttpUrl("http://" + url.substr(5));
  if (url.starts_with("wss://")) return parseHttpUrl("https://" + url.substr(6));
  return std::nullopt;
}

struct CloseFrame {
  std::uint16_t code;
  std::string reason;
};
using Outgoing = std::variant<std::string, CloseFrame>;

class Connection : public WebSocketConnection, public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, std::function<std::shared_ptr<asio::ssl::context>()> tls,
             WebSocketRequest request)
      : io_(io),
        request_(std::move(request)),
        url_(parseWebSocketUrl(request_.url)),
        resolver_(io),
        timer_(io) {
    if (url_ && url_->tls) {
      tls_ = tls();
      secure_ = std::make_unique<TlsWs>(io, *tls_);
    } else {
      plain_ = std::make_unique<PlainWs>(io);
    }
  }

  asio::awaitable<void> connect() override {
    if (!url_) fail({Kind::BadUrl, "not a ws(s) URL: \"" + request_.url + "\""});
    if (secure_) {
      co_await connectOver(*secure_);
    } else {
      co_await connectOver(*plain_);
    }
  }

  asio::awaitable<std::string> read() override {
    if (secure_) co_return co_await readOver(*secure_);
    co_return co_await readOver(*plain_);
  }

  void send(std::string text) override { enqueue(std::move(text)); }

  void close(std::uint16_t code, std::string reason) override {
    if (stopped_) return;
    stopped_ = true;
    if (!open_) return dropConnection();
    enqueue(CloseFrame{code, std::move(reason)});
    // A peer that never answers the close frame does not keep the connection.
    timer_.expires_after(kCloseTimeout);
    timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      if (auto self = weak.lock(); self && !ec) self->dropConnection();
    });
  }

  void cancel() override {
    stopped_ = true;
    dropConnection();
  }

  std::size_t queuedMessages() const override { return outgoing_.size(); }

 private:
  tcp::socket& socket() {
    return secure_ ? secure_->next_layer().next_layer() : plain_->next_layer();
  }

  void dropConnection() {
    open_ = false;
    resolver_.cancel();
    timer_.cancel();
    beast::error_code ignored;
    socket().close(ignored);
  }

  [[noreturn]] void fail(WebSocketError error) {
    dropConnection();
    throw WebSocketFailure(std::move(error));
  }

  // After close() the queued messages and the close frame still go out: only cancel() (or the
  // close timeout) drops the socket.
  void throwIfStopped() const {
    if (stopped_) throw WebSocketFailure({Kind::Cancelled, "the connection was closed by us"});
  }

  // The failure `ec` means for the connect step `what`; a timeout when the deadline passed.
  void check(Kind kind, const std::string& what, const beast::error_code& ec) {
    throwIfStopped();
    if (!ec) return;
    if (timedOut_) fail({Kind::Timeout, what + " " + url_->host + ": timed out"});
    fail({kind, what + " " + url_->host + ": " + ec.message()});
  }

  template <class Ws>
  asio::awaitable<void> connectOver(Ws& ws) {
    beast::error_code ec;
    timer_.expires_after(request_.connectTimeout);
    timer_.async_wait([weak = weak_from_this()](beast::error_code timerEc) {
      auto self = weak.lock();
      if (timerEc || !self || self->open_) return;
      self->timedOut_ = true;
      self->dropConnection();
    });
    const auto endpoints = co_await resolver_.async_resolve(url_->host, url_->port, awaitable(ec));
    check(Kind::Connect, "cannot resolve", ec);
    if (request_.checkAddress) {
      for (const auto& entry : endpoints) {
        if (auto reason = request_.checkAddress(entry.endpoint().address())) {
          fail({Kind::Refused, "refusing to connect to " + url_->host + ": " + *reason});
        }
      }
    }
    co_await asio::async_connect(socket(), endpoints, awaitable(ec));
    check(Kind::Connect, "cannot connect to", ec);
    if constexpr (std::is_same_v<Ws, TlsWs>) {
      auto& tls = ws.next_layer();
      if (!SSL_set_tlsext_host_name(tls.native_handle(), url_->host.c_str())) {
        check(Kind::Connect, "cannot set TLS server name for",
              {static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()});
      }
      tls.set_verify_callback(asio::ssl::host_name_verification(url_->host));
      co_await tls.async_handshake(asio::ssl::stream_base::client, awaitable(ec));
      check(Kind::Connect, "TLS handshake failed with", ec);
    }
    ws.read_message_max(request_.maxMessageBytes);
    ws.set_option(websocket::stream_base::decorator(
        [headers = request_.headers](websocket::request_type& upgrade) {
          upgrade.set(beast::http::field::user_agent, "openclaw-gateway/" OPENCLAW_VERSION);
          for (const auto& [name, value] : headers) upgrade.set(name, value);
        }));
    websocket::response_type response;
    const std::string host = url_->host + ":" + url_->port;
    co_await ws.async_handshake(response, host, url_->target, awaitable(ec));
    if (ec == websocket::error::upgrade_declined) {
      throwIfStopped();
      WebSocketError error{Kind::Upgrade, url_->host +
                                              " declined the WebSocket upgrade with HTTP " +
                                              std::to_string(response.result_int())};
      error.status = static_cast<int>(response.result_int());
      fail(std::move(error));
    }
    check(Kind::Connect, "WebSocket handshake failed with", ec);
    if (request_.idleTimeout.count() > 0) {
      websocket::stream_base::timeout idle;
      idle.handshake_timeout = websocket::stream_base::none();
      idle.idle_timeout = request_.idleTimeout;
      idle.keep_alive_pings = true;
      ws.set_option(idle);
    }
    timer_.cancel();
    open_ = true;
    if (!outgoing_.empty()) startWriter();
  }

  template <class Ws>
  asio::awaitable<std::string> readOver(Ws& ws) {
    throwIfStopped();
    beast::flat_buffer buffer;
    beast::error_code ec;
    co_await ws.async_read(buffer, awaitable(ec));
    throwIfStopped();
    if (ec == websocket::error::closed) {
      WebSocketError error{Kind::Closed, std::string(ws.reason().reason.c_str())};
      error.closeCode = ws.reason().code;
      fail(std::move(error));
    }
    if (ec == websocket::error::message_too_big || ec == websocket::error::buffer_overflow) {
      fail({Kind::TooLarge, "a message from " + url_->host + " exceeded " +
                                std::to_string(request_.maxMessageBytes) + " bytes"});
    }
    if (ec) {
      WebSocketError error{Kind::Network, "connection to " + url_->host + " broke: " +
                                              (writeError_.empty() ? ec.message() : writeError_)};
      error.closeCode = kAbnormalClosure;
      fail(std::move(error));
    }
    co_return beast::buffers_to_string(buffer.data());
  }

  void enqueue(Outgoing item) {
    if (std::holds_alternative<std::string>(item) &&
        outgoing_.size() >= request_.maxQueuedMessages) {
      writeError_ = "more than " + std::to_string(request_.maxQueuedMessages) +
                    " messages waiting to be sent";
      dropConnection();
      return;
    }
    outgoing_.push_back(std::move(item));
    if (open_ && !writing_) startWriter();
  }

  void startWriter() {
    writing_ = true;
    asio::co_spawn(io_, writeQueued(shared_from_this()), asio::detached);
  }

  // Writes queued messages in order, one at a time (a WebSocket stream allows one write in
  // flight); a close frame is the last thing written.
  static asio::awaitable<void> writeQueued(std::shared_ptr<Connection> self) {
    while (!self->outgoing_.empty() && self->open_) {
      Outgoing item = std::move(self->outgoing_.front());
      self->outgoing_.pop_front();
      beast::error_code ec;
      if (auto* text = std::get_if<std::string>(&item)) {
        if (self->secure_) {
          co_await self->secure_->async_write(asio::buffer(*text), awaitable(ec));
        } else {
          co_await self->plain_->async_write(asio::buffer(*text), awaitable(ec));
        }
      } else {
        const auto& frame = std::get<CloseFrame>(item);
        websocket::close_reason reason;
        reason.code = frame.code;
        reason.reason = frame.reason;
        if (self->secure_) {
          co_await self->secure_->async_close(reason, awaitable(ec));
        } else {
          co_await self->plain_->async_close(reason, awaitable(ec));
        }
        self->dropConnection();
        break;
      }
      if (ec) {
        self->writeError_ = "cannot send: " + ec.message();
        self->dropConnection();  // the pending read() reports it
      }
    }
    self->writing_ = false;
  }

  asio::io_context& io_;
  std::shared_ptr<asio::ssl::context> tls_;
  WebSocketRequest request_;
  std::optional<HttpUrl> url_;
  tcp::resolver resolver_;
  asio::steady_timer timer_;
  std::unique_ptr<PlainWs> plain_;
  std::unique_ptr<TlsWs> secure_;
  std::deque<Outgoing> outgoing_;
  std::string writeError_;
  bool open_ = false;     // the handshake finished and the socket was not dropped since
  bool writing_ = false;  // writeQueued runs
  bool stopped_ = false;  // close() or cancel() was called
  bool timedOut_ = false;
};

}  // namespace

struct WebSocketClient::Impl {
  asio::io_context& io;
  std::shared_ptr<asio::ssl::context> tls;  // created on the first wss connection

  std::shared_ptr<asio::ssl::context> tlsContext() {
    if (!tls) tls = makeTlsClientContext();
    return tls;
  }
};

WebSocketClient::WebSocketClient(asio::io_context& io)
    : impl_(std::make_unique<Impl>(Impl{io, nullptr})) {}
WebSocketClient::~WebSocketClient() = default;

std::shared_ptr<WebSocketConnection> WebSocketClient::start(WebSocketRequest request) {
  return std::make_shared<Connection>(
      impl_->io, [impl = impl_.get()] { return impl->tlsContext(); }, std::move(request));
}

}  // namespace openclaw::net
