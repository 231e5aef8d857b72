// Internal to the transport: the HTTP and WebSocket serving code as templates over the stream
// type, so plain TCP (transport_plain.cpp) and TLS (transport_tls.cpp) share it. Only those two
// translation units include Beast's heavy templates (each instantiates them once).
#pragma once

#include "core/awaitable.h"
// (first: Boost 1.74 awaitable.hpp needs <utility>)
#include <array>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <deque>
#include <limits>
#include <map>
#include <optional>

#include "core/logging.h"
#include "core/network.h"
#include "core/random_ids.h"
#include "core/text.h"
#include "server/origin_policy.h"
#include "server/transport_entry.h"

namespace openclaw::server::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

inline constexpr auto kHttpReadTimeout = std::chrono::seconds(30);
inline constexpr std::size_t kHttpHeaderLimit = 16 * 1024;
// How long a close handshake may take before the socket is torn down anyway.
inline constexpr auto kCloseHandshakeTimeout = std::chrono::seconds(5);
// Without inbound traffic for half of this, the gateway pings; without a reply by the end, it
// drops the connection.
inline constexpr auto kIdleTimeout = std::chrono::seconds(50);
// RFC 6455 allows at most 123 bytes of close reason.
inline constexpr std::size_t kMaxCloseReason = 123;
// Inbound messages are read in chunks of at most this size, so an oversized one is noticed
// (and its remaining bytes discarded) without ever buffering it whole.
inline constexpr std::size_t kReadChunk = 64 * 1024;

inline auto awaitable(beast::error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

// The pieces of a frame as one buffer sequence: a shared broadcast body is written in place.
inline std::array<asio::const_buffer, 3> buffersOf(const rpc::OutboundText& text) {
  const auto piece = [](const std::shared_ptr<const std::string>& shared) {
    return shared ? asio::buffer(*shared) : asio::const_buffer();
  };
  return {piece(text.head), asio::buffer(text.own), piece(text.tail)};
}

inline std::string remoteAddressOf(const tcp::socket& socket) {
  beast::error_code ec;
  const tcp::endpoint endpoint = socket.remote_endpoint(ec);
  if (ec) return "unknown";
  asio::ip::address address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

// One WebSocket control-plane connection over `Stream` (beast::tcp_stream or a TLS stream on it).
template <class Stream>
class WsConnection final : public rpc::Connection {
 public:
  WsConnection(Stream stream, std::string remoteAddress, std::optional<rpc::BrowserUpgrade> browser,
               ConnectionObserver& observer, const config::GatewayLimits& limits,
               core::Gauge* queuedBytes)
      : rpc::Connection(core::uuidV4(), std::move(remoteAddress), std::move(browser)),
        ws_(std::move(stream)),
        wake_(ws_.get_executor()),
        observer_(observer),
        queuedBytes_(queuedBytes),
        maxBufferedBytes_(limits.maxBufferedBytes),
        readLimit_(limits.preauthMaxPayloadBytes) {
    // Message size is enforced in run(), not by Beast: Beast 1.74 tears the socket down right
    // after its 1009 close frame without draining what the peer is still sending, and the
    // resulting RST destroys that close frame before the peer reads it.
    ws_.read_message_max(0);
  }

  void start(http::request<http::string_body> upgrade) {
    asio::co_spawn(ws_.get_executor(), run(this->shared_from_this(), std::move(upgrade)),
                   asio::detached);
  }

  void send(rpc::OutboundText frame) override {
    if (closing_ || finished_) return;
    if (buffered_ + frame.size() > maxBufferedBytes_) {
      core::logger("ws")->warn(
          "conn {} from {}: outbound buffer over {} bytes; disconnecting "
          "slow reader",
          connId(), remoteAddress(), maxBufferedBytes_);
      closing_ = true;
      drop();
      return;
    }
    setBuffered(buffered_ + frame.size());
    queue_.push_back(std::move(frame));
    wake_.cancel();
  }

  void close(std::uint16_t code, std::string reason) override {
    if (closing_ || finished_) return;
    closing_ = true;
    if (reason.size() > kMaxCloseReason) reason.resize(kMaxCloseReason);
    websocket::close_reason frame;
    frame.code = code;
    frame.reason = reason;
    closeFrame_ = std::move(frame);
    wake_.cancel();
  }

  void setReadLimit(std::size_t bytes) override { readLimit_ = bytes; }

 private:
  // Coroutines take `self` as a parameter: they start suspended, and the frame's copy is what
  // keeps the connection alive until they finish.
  asio::awaitable<void> run(std::shared_ptr<rpc::Connection> self,
                            http::request<http::string_body> upgrade) {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout{kCloseHandshakeTimeout, kIdleTimeout, true});
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(http::field::server, "openclaw-gateway");
    }));
    beast::error_code ec;
    co_await ws_.async_accept(upgrade, awaitable(ec));
    if (ec) {
      finished_ = true;
      co_return;
    }
    asio::co_spawn(ws_.get_executor(), writeLoop(self), asio::detached);
    observer_.onOpen(self);

    beast::flat_buffer buffer;
    std::size_t messageBytes = 0;
    bool oversized = false;  // the current message passed the limit; its rest is discarded
    while (true) {
      messageBytes += co_await ws_.async_read_some(buffer, kReadChunk, awaitable(ec));
      if (ec) break;
      if (!oversized && messageBytes > readLimit_) {
        oversized = true;
        core::logger("ws")->warn("conn {} from {}: inbound frame over {} bytes; closing with 1009",
                                 connId(), remoteAddress(), readLimit_);
        close(1009, authenticated() ? "payload too large" : "preauth payload too large");
      }
      if (oversized) buffer.consume(buffer.size());
      if (!ws_.is_message_done()) continue;
      // Oversized messages, and anything arriving after the gateway decided to close, are
      // dropped.
      const bool deliver = !oversized && !closing_;
      if (deliver && !ws_.got_text()) {
        close(1003, "binary frames are not supported; send JSON text frames");
      } else if (deliver) {
        handleFrame(self, beast::buffers_to_string(buffer.data()));
      }
      buffer.consume(buffer.size());
      messageBytes = 0;
      oversized = false;
    }
    finished_ = true;
    wake_.cancel();
    observer_.onClosed(self);
  }

  // A bug in message handling must cost this connection (closed with 1011), never the gateway.
  void handleFrame(const std::shared_ptr<rpc::Connection>& self, std::string text) {
    try {
      observer_.onMessage(self, std::move(text));
    } catch (const std::exception& error) {
      core::logger("ws")->error("conn {} from {}: handling a frame failed: {}; closing with 1011",
                                connId(), remoteAddress(), error.what());
      close(1011, "internal error");
    }
  }

  // Writes queued frames in order; the close frame, when queued, is the last thing written.
  asio::awaitable<void> writeLoop([[maybe_unused]] std::shared_ptr<rpc::Connection> self) {
    beast::error_code ec;
    while (!finished_) {
      if (queue_.empty() && closeFrame_) {
        co_await ws_.async_close(*closeFrame_, awaitable(ec));
        if (ec) drop();
        break;
      }
      if (queue_.empty()) {
        wake_.expires_at(asio::steady_timer::time_point::max());
        co_await wake_.async_wait(awaitable(ec));
        continue;
      }
      const rpc::OutboundText& front = queue_.front();
      co_await ws_.async_write(buffersOf(front), awaitable(ec));
      setBuffered(buffered_ - front.size());
      queue_.pop_front();
      if (ec) {
        drop();
        break;
      }
    }
    // Nothing is written any more: later sends are dropped, so the queued-bytes gauge is exact.
    closing_ = true;
    queue_.clear();
    setBuffered(0);
  }

  // Keeps the gateway-wide gauge of queued bytes in step with this connection's share.
  void setBuffered(std::size_t bytes) {
    if (queuedBytes_) {
      queuedBytes_->add(static_cast<double>(bytes) - static_cast<double>(buffered_));
    }
    buffered_ = bytes;
  }

  // Ends the TCP connection at once; pending reads and writes complete with errors.
  void drop() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

  websocket::stream<Stream> ws_;
  asio::steady_timer wake_;
  ConnectionObserver& observer_;
  core::Gauge* queuedBytes_;  // null: not counted
  std::size_t maxBufferedBytes_;
  std::size_t readLimit_;
  std::deque<rpc::OutboundText> queue_;
  // Queued by close(): sent once everything queued before it is written.
  std::optional<websocket::close_reason> closeFrame_;
  std::size_t buffered_ = 0;
  bool closing_ = false;   // a close frame is queued or the socket was dropped
  bool finished_ = false;  // the read side ended
};

// The request's headers by lower-case name (a repeated header keeps its last value).
inline std::map<std::string, std::string> lowerCaseHeaders(
    const http::request<http::string_body>& request) {
  std::map<std::string, std::string> headers;
  for (const auto& field : request) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    headers[name] = std::string(field.value());
  }
  return headers;
}

inline rpc::HttpRequest toRouterRequest(const http::request<http::string_body>& request,
                                        std::string remoteAddress) {
  rpc::HttpRequest view;
  view.method = std::string(request.method_string());
  const std::string target(request.target());
  const std::size_t question = target.find('?');
  view.path = target.substr(0, question);
  if (question != std::string::npos) view.query = target.substr(question + 1);
  view.headers = lowerCaseHeaders(request);
  view.body = request.body();
  view.remoteAddress = std::move(remoteAddress);
  return view;
}

inline http::response<http::string_body> toBeastResponse(const rpc::HttpResponse& response,
                                                         bool isHead, unsigned version,
                                                         bool keepAlive) {
  http::response<http::string_body> out{static_cast<http::status>(response.status), version};
  out.set(http::field::server, "openclaw-gateway");
  out.set(http::field::content_type, response.contentType);
  out.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) out.set(name, value);
  out.keep_alive(keepAlive);
  out.content_length(response.body.size());
  if (!isHead) out.body() = response.body;
  return out;
}

// Waits for the router's answer (asynchronous routes answer later). A route handler that throws
// answers 500 (and is logged) instead of silently ending the connection's coroutine.
inline asio::awaitable<rpc::HttpResponse> routeSafely(TransportShared& shared,
                                                      const rpc::HttpRequest& request) {
  struct Answer {
    explicit Answer(asio::io_context& context) : ready(context) {}
    std::optional<rpc::HttpResponse> response;
    asio::steady_timer ready;  // cancelled once the response is in
  };
  auto answer = std::make_shared<Answer>(shared.io);
  answer->ready.expires_at(asio::steady_timer::time_point::max());
  try {
    shared.router.dispatch(request, [answer](rpc::HttpResponse response) {
      if (answer->response) return;
      answer->response = std::move(response);
      answer->ready.cancel();
    });
  } catch (const std::exception& error) {
    core::logger("http")->error("{} {}: {}", request.method, request.path, error.what());
    answer->response =
        rpc::HttpResponse::json(500, R"({"ok":false,"error":{"message":"internal error"}})");
  }
  if (!answer->response) {
    beast::error_code ec;
    co_await answer->ready.async_wait(awaitable(ec));
  }
  co_return std::move(*answer->response);
}

// Marks `client` gone when its connection closes or resets before the exchange settles: the
// socket turns readable and a peek finds end-of-file (or an error). Bytes of a pipelined next
// request (or, under TLS, any record) end the watch without consuming them.
inline asio::awaitable<void> watchForHangup(tcp::socket& socket,
                                            std::shared_ptr<rpc::HttpClientLink> client,
                                            std::shared_ptr<bool> settled) {
  beast::error_code ec;
  co_await socket.async_wait(tcp::socket::wait_read, awaitable(ec));
  if (*settled) co_return;  // the socket may be gone: touch nothing but the shared state
  if (!ec) {
    char byte = 0;
    const std::size_t peeked = socket.receive(asio::buffer(&byte, 1), MSG_PEEK, ec);
    if (!ec && peeked > 0) co_return;
  }
  client->markGone();
}

// Sends a streamed response with chunked encoding, each piece as it is produced. Returns whether
// the connection may serve another request. An overflowing stream (a client not reading) or a
// failed write ends the connection and marks the client gone.
template <class Stream>
asio::awaitable<bool> writeStreamed(TransportShared& shared, Stream& stream,
                                    const rpc::HttpResponse& routed, unsigned version,
                                    bool keepAlive, rpc::HttpClientLink& client) {
  http::response<http::empty_body> head{static_cast<http::status>(routed.status), version};
  head.set(http::field::server, "openclaw-gateway");
  head.set(http::field::content_type, routed.contentType);
  head.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : routed.headers) head.set(name, value);
  head.keep_alive(keepAlive);
  head.chunked(true);
  http::response_serializer<http::empty_body> serializer{head};
  beast::error_code ec;
  co_await http::async_write_header(stream, serializer, awaitable(ec));
  rpc::HttpBodyStream& body = *routed.stream;
  // Shared: the client link keeps its callbacks after this coroutine returned.
  auto wake = std::make_shared<asio::steady_timer>(shared.io);
  body.setWake([wake] { wake->cancel(); });
  client.onGone([weak = std::weak_ptr<asio::steady_timer>(wake)] {
    if (auto timer = weak.lock()) timer->cancel();
  });
  while (!ec && !body.overflowed() && !client.gone()) {
    if (body.hasPending()) {
      const std::string piece = body.takePending();
      co_await asio::async_write(stream, http::make_chunk(asio::buffer(piece)), awaitable(ec));
    } else if (body.ended()) {
      co_await asio::async_write(stream, http::make_chunk_last(), awaitable(ec));
      body.setWake(nullptr);
      co_return !ec && keepAlive;
    } else {
      wake->expires_at(asio::steady_timer::time_point::max());
      co_await wake->async_wait(awaitable(ec));
      ec = {};
    }
  }
  body.setWake(nullptr);
  if (body.overflowed()) {
    core::logger("http")->warn("streamed response to {} over its buffer bound; disconnecting",
                               client.gone() ? "a departed client" : "a slow reader");
  }
  client.markGone();
  co_return false;
}

// The upgrade's Origin and Host when it carries an Origin (a browser's), else nullopt.
inline std::optional<rpc::BrowserUpgrade> browserUpgrade(
    const TransportShared& shared, const http::request<http::string_body>& request,
    const std::string& remoteAddress) {
  const auto origin = request.find(http::field::origin);
  if (origin == request.end() || core::trimmed(std::string(origin->value())).empty()) {
    return std::nullopt;
  }
  return rpc::BrowserUpgrade{std::string(origin->value()), std::string(request[http::field::host]),
                             core::isLoopbackAddress(remoteAddress), shared.boundPort};
}

// Reads HTTP requests on `stream` until one asks for a WebSocket upgrade or the client goes away.
// Returns true when the stream was handed to a WsConnection (it is moved from then); otherwise
// the caller ends the stream.
template <class Stream>
asio::awaitable<bool> serveHttp(TransportShared& shared, Stream& stream,
                                std::string remoteAddress) {
  beast::flat_buffer buffer;
  beast::error_code ec;
  while (true) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHttpHeaderLimit);
    // The route decides how large a body may be (an OpenAI request may carry images): Beast
    // checks a Content-Length against its limit while parsing the header, so the header is read
    // with none (not boost::none: Beast 1.74 compares a Content-Length with an empty optional as
    // "over") and the route's limit applied here; for a chunked body it still applies as the
    // chunks arrive.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    beast::get_lowest_layer(stream).expires_after(kHttpReadTimeout);
    co_await http::async_read_header(stream, buffer, parser, awaitable(ec));
    if (!ec) {
      const std::string target(parser.get().target());
      const std::size_t limit = shared.router.bodyLimit(target.substr(0, target.find('?')));
      if (parser.content_length().value_or(0) > limit) ec = http::error::body_limit;
      parser.body_limit(limit);
    }
    if (!ec) co_await http::async_read(stream, buffer, parser, awaitable(ec));
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      // Both envelopes at once: the gateway's {ok:false} and OpenAI's {error:{message,type}}.
      const auto tooLarge = rpc::HttpResponse::json(
          413,
          R"({"ok":false,"error":{"message":"Payload too large","type":"invalid_request_error"}})");
      auto response = toBeastResponse(tooLarge, false, 11, false);
      co_await http::async_write(stream, response, awaitable(ec));
      co_return false;
    }
    if (ec) co_return false;
    // Answers may take long (an agent run); writes are bounded below.
    beast::get_lowest_layer(stream).expires_never();
    http::request<http::string_body> request = parser.release();
    if (websocket::is_upgrade(request)) {
      auto browser = browserUpgrade(shared, request, remoteAddress);
      const std::optional<UpgradeRoute> route =
          shared.upgradeRouter ? shared.upgradeRouter(toRouterRequest(request, remoteAddress))
                               : std::nullopt;
      if (route && route->refusal) {
        auto response = toBeastResponse(*route->refusal, false, request.version(), false);
        co_await http::async_write(stream, response, awaitable(ec));
        co_return false;
      }
      if (auto refusal = browser && !route ? browserOriginRefusal(*browser, shared.originPolicy)
                                           : std::nullopt) {
        // Cross-site WebSocket hijacking: a page elsewhere must not drive this gateway.
        core::logger("ws")->warn(
            "refused WebSocket upgrade from {}: {} (origin \"{}\", host \"{}\"); list the "
            "origin in gateway.controlUi.allowedOrigins to allow it",
            remoteAddress, *refusal, browser->origin, browser->host);
        const auto forbidden = rpc::HttpResponse::json(
            403, nlohmann::json{{"ok", false}, {"error", {{"message", *refusal}}}}.dump());
        auto response = toBeastResponse(forbidden, false, request.version(), false);
        co_await http::async_write(stream, response, awaitable(ec));
        co_return false;
      }
      ConnectionObserver& observer = route ? *route->observer : shared.observer;
      auto connection = std::make_shared<WsConnection<Stream>>(std::move(stream), remoteAddress,
                                                               std::move(browser), observer,
                                                               shared.limits, shared.queuedBytes);
      connection->setUpgradeHeaders(lowerCaseHeaders(request));
      connection->start(std::move(request));
      co_return true;
    }
    const bool isHead = request.method() == http::verb::head;
    rpc::HttpRequest routerRequest = toRouterRequest(request, remoteAddress);
    const auto client = routerRequest.client;
    auto settled = std::make_shared<bool>(false);
    asio::co_spawn(shared.io,
                   watchForHangup(beast::get_lowest_layer(stream).socket(), client, settled),
                   asio::detached);
    const rpc::HttpResponse routed = co_await routeSafely(shared, routerRequest);
    bool keepAlive = request.keep_alive();
    if (routed.stream && !isHead) {
      keepAlive =
          co_await writeStreamed(shared, stream, routed, request.version(), keepAlive, *client);
    } else {
      auto response = toBeastResponse(routed, isHead, request.version(), keepAlive);
      co_await http::async_write(stream, response, awaitable(ec));
      keepAlive = !ec && response.keep_alive();
    }
    *settled = true;
    if (!keepAlive || client->gone()) co_return false;
  }
}

}  // namespace openclaw::server::detail
