#include "client/gateway_client.h"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <utility>
#include <variant>

#include "auth/device_auth.h"
#include "client/ws_url.h"
#include "core/clock.h"
#include "core/random_ids.h"
#include "net/tls_fingerprint.h"

namespace openclaw::client {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
// Plain sockets rather than beast::tcp_stream/ssl_stream: their timers would be unused, and they
// nearly double the compile time of this file.
using PlainWs = websocket::stream<net::ip::tcp::socket>;
using TlsWs = websocket::stream<net::ssl::stream<net::ip::tcp::socket>>;

// Completion state of one async operation. Handlers own it, so a handler that fires after its
// waiter gave up touches nothing else.
struct Op {
  bool done = false;
  beast::error_code ec;
};

auto completes(std::shared_ptr<Op> op) {
  return [op = std::move(op)](beast::error_code ec, auto&&...) {
    op->done = true;
    op->ec = ec;
  };
}

// The string at j[key], or "" when j is not an object or the value is not a string.
std::string str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string describe(const protocol::GatewayError& error) {
  const std::string text = error.message.empty() ? "gateway request failed" : error.message;
  return error.code.empty() ? text : text + " (" + error.code + ")";
}

struct Frame {
  std::string text;
  json value;  // discarded when the text is not JSON
};

}  // namespace

RequestRejected::RequestRejected(protocol::GatewayError error)
    : std::runtime_error(describe(error)), error_(std::move(error)) {}

TransportError::TransportError(const std::string& message, std::optional<CloseInfo> close,
                               bool timedOut)
    : std::runtime_error(message), close_(std::move(close)), timedOut_(timedOut) {}

struct GatewayClient::Impl {
  ConnectOptions options;
  WsUrl url;
  net::io_context ioc;  // declared before every I/O object, so it outlives their handlers
  // Only for wss:// URLs: creating a TLS context sets up OpenSSL, which costs milliseconds.
  std::optional<net::ssl::context> ssl;
  std::optional<std::string> pin;  // normalized options.tlsFingerprint, wss:// only
  net::ip::tcp::resolver resolver{ioc};
  std::variant<std::unique_ptr<PlainWs>, std::unique_ptr<TlsWs>> ws;
  websocket::response_type upgradeResponse;
  beast::flat_buffer buffer;
  std::shared_ptr<Op> readOp;  // the single outstanding async_read; survives read timeouts
  std::deque<Frame> inbox;     // frames read while waiting for something else
  std::optional<CloseInfo> closeInfo;
  std::optional<std::string> failure;  // set while the connection is unusable
  std::optional<int> receiveBufferSize;
  bool opened = false;

  template <class F>
  decltype(auto) withWs(F&& f) {
    return std::visit([&](auto& p) -> decltype(auto) { return f(*p); }, ws);
  }
  net::ip::tcp::socket& tcp() {
    return withWs([](auto& s) -> net::ip::tcp::socket& { return beast::get_lowest_layer(s); });
  }
  // Closes the socket, which completes every pending operation with an error.
  void dropSocket() {
    beast::error_code ignored;
    tcp().close(ignored);
  }

  explicit Impl(ConnectOptions o) : options(std::move(o)), url(parseWsUrl(options.url)) {
    if (url.tls) {
      ssl.emplace(net::ssl::context::tls_client);
      SSL_CTX_set_min_proto_version(ssl->native_handle(), TLS1_2_VERSION);
      if (options.tlsFingerprint) {
        pin = openclaw::net::normalizeTlsFingerprint(*options.tlsFingerprint);
        if (!pin) {
          throw std::invalid_argument("invalid TLS fingerprint \"" + *options.tlsFingerprint +
                                      "\": expected a SHA-256 fingerprint (64 hex digits)");
        }
        ssl->set_verify_mode(net::ssl::verify_none);  // the pin is checked after the handshake
      } else {
        ssl->set_default_verify_paths();
        if (options.caFile) loadCaFile(*options.caFile);
        ssl->set_verify_mode(net::ssl::verify_peer);
      }
      ws = std::make_unique<TlsWs>(ioc, *ssl);
    } else {
      ws = std::make_unique<PlainWs>(ioc);
    }
    withWs([origin = options.origin](auto& s) {
      s.set_option(websocket::permessage_deflate{});  // defaults: compression off
      s.set_option(websocket::stream_base::decorator([origin](websocket::request_type& req) {
        req.set(beast::http::field::user_agent, "openclaw-native-cli");
        if (origin) req.set(beast::http::field::origin, *origin);
      }));
      s.read_message_max(std::size_t{64} << 20);
      s.text(true);
    });
    failure = "not connected to " + options.url + " (call open() or connect() first)";
  }

  void loadCaFile(const std::string& file) {
    beast::error_code ec;
    ssl->load_verify_file(file, ec);
    if (ec) throw std::invalid_argument("cannot load CA file " + file + ": " + ec.message());
  }

  // With a pin: the leaf certificate the gateway presented must have that fingerprint.
  void checkPin(SSL* session) {
    if (!pin) return;
    X509* leaf = SSL_get0_peer_certificate(session);
    const std::string presented =
        leaf ? openclaw::net::certificateFingerprint(leaf) : "(no certificate)";
    if (presented == *pin) return;
    dropSocket();
    throw TransportError("TLS certificate fingerprint mismatch for " + options.url +
                             ": the gateway presented sha256 " + presented + ", expected " + *pin +
                             " (a different certificate than the pinned one: if the gateway's "
                             "certificate was replaced on purpose, update the pin)",
                         std::nullopt, false);
  }

  TransportError timeout(std::chrono::milliseconds budget, const std::string& what) const {
    return TransportError(
        "timed out after " + std::to_string(budget.count()) + " ms " + what + " " + options.url,
        std::nullopt, true);
  }

  // Runs handlers until done() holds; false if the deadline passes first.
  template <class Pred>
  bool runUntil(Pred done, Clock::time_point deadline) {
    while (!done()) {
      const auto now = Clock::now();
      if (now >= deadline) return false;
      if (ioc.stopped()) ioc.restart();
      ioc.run_one_for(deadline - now);
    }
    return true;
  }
  bool await(const std::shared_ptr<Op>& op, Clock::time_point deadline) {
    return runUntil([&] { return op->done; }, deadline);
  }

  // The addresses to try for url.host. An IP literal is used as it is: Asio resolves on a
  // thread it starts for the purpose, which would cost every loopback CLI call about a millisecond.
  std::vector<net::ip::tcp::endpoint> endpoints(Clock::time_point deadline) {
    beast::error_code ec;
    const auto literal = net::ip::make_address(url.host, ec);
    if (!ec) return {net::ip::tcp::endpoint(literal, url.port)};

    auto resolved = std::make_shared<std::pair<Op, net::ip::tcp::resolver::results_type>>();
    resolver.async_resolve(url.host, std::to_string(url.port),
                           [resolved](beast::error_code failed, auto results) {
                             *resolved = {Op{true, failed}, std::move(results)};
                           });
    if (!runUntil([&] { return resolved->first.done; }, deadline)) {
      resolver.cancel();
      throw timeout(options.timeout, "resolving");
    }
    if (resolved->first.ec) {
      throw TransportError("cannot resolve '" + url.host + "' in " + options.url + ": " +
                               resolved->first.ec.message(),
                           std::nullopt, false);
    }
    std::vector<net::ip::tcp::endpoint> found;
    for (const auto& entry : resolved->second) found.push_back(entry.endpoint());
    return found;
  }

  json open(Clock::time_point deadline) {
    if (opened) throw std::logic_error("GatewayClient::open() called twice");
    const auto budget = options.timeout;

    beast::error_code ec = net::error::host_not_found;
    for (const auto& endpoint : endpoints(deadline)) {
      auto& socket = tcp();
      socket.close(ec);
      socket.open(endpoint.protocol(), ec);
      if (!ec && receiveBufferSize) {
        socket.set_option(net::socket_base::receive_buffer_size(*receiveBufferSize), ec);
      }
      if (ec) continue;
      auto op = std::make_shared<Op>();
      socket.async_connect(endpoint, completes(op));
      if (!await(op, deadline)) {
        dropSocket();
        throw timeout(budget, "connecting to");
      }
      if (!(ec = op->ec)) break;
    }
    if (ec) {
      throw TransportError("cannot connect to " + options.url + ": " + ec.message() +
                               " (is the gateway running? try 'openclaw gateway')",
                           std::nullopt, false);
    }
    tcp().set_option(net::ip::tcp::no_delay(true), ec);

    if (auto* tls = std::get_if<std::unique_ptr<TlsWs>>(&ws)) {
      auto& stream = (*tls)->next_layer();
      net::ip::make_address(url.host, ec);
      if (ec)
        SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str());  // SNI: names only
      if (!pin) stream.set_verify_callback(net::ssl::host_name_verification(url.host));
      auto op = std::make_shared<Op>();
      stream.async_handshake(net::ssl::stream_base::client, completes(op));
      if (!await(op, deadline)) {
        dropSocket();
        throw timeout(budget, "during the TLS handshake with");
      }
      if (op->ec) {
        throw TransportError("TLS handshake with " + options.url + " failed: " + op->ec.message(),
                             std::nullopt, false);
      }
      checkPin(stream.native_handle());
    }

    auto op = std::make_shared<Op>();
    withWs([&](auto& s) {
      s.async_handshake(upgradeResponse, url.hostHeader(), url.target, completes(op));
    });
    if (!await(op, deadline)) {
      dropSocket();
      throw timeout(budget, "waiting for the WebSocket upgrade from");
    }
    if (op->ec) {
      const std::string why = op->ec == websocket::error::upgrade_declined
                                  ? "HTTP " + std::to_string(upgradeResponse.result_int()) + " " +
                                        upgradeResponse.reason().to_string()
                                  : op->ec.message();
      throw TransportError("WebSocket upgrade to " + options.url + " failed: " + why, std::nullopt,
                           false);
    }
    opened = true;
    failure.reset();

    while (auto frame = readFrame(deadline)) {
      if (str(frame->value, "type") == "event" &&
          str(frame->value, "event") == "connect.challenge") {
        return frame->value.value("payload", json::object());
      }
      inbox.push_back(std::move(*frame));
    }
    throw timeout(budget, "waiting for connect.challenge from");
  }

  // Marks the connection dead because of ec and throws the matching TransportError.
  [[noreturn]] void fail(beast::error_code ec) {
    if (readOp && readOp->done && readOp->ec) ec = readOp->ec;  // the read saw the real cause
    if (ec == websocket::error::closed) {
      const auto& r = withWs([](auto& s) -> const websocket::close_reason& { return s.reason(); });
      closeInfo = CloseInfo{r.code, std::string(r.reason.data(), r.reason.size())};
      failure = "gateway closed the connection (" + std::to_string(r.code) +
                (r.reason.empty() ? "" : ": " + closeInfo->reason) + ")";
    } else {
      closeInfo = CloseInfo{1006, ""};
      failure = "connection to " + options.url + " lost: " + ec.message();
    }
    throw TransportError(*failure, closeInfo, false);
  }

  // The next frame from the wire; nullopt at the deadline, with the read left pending.
  std::optional<Frame> readFrame(Clock::time_point deadline) {
    if (failure) throw TransportError(*failure, closeInfo, false);
    if (!readOp) {
      readOp = std::make_shared<Op>();
      withWs([&](auto& s) { s.async_read(buffer, completes(readOp)); });
    }
    if (!await(readOp, deadline)) return std::nullopt;
    if (const auto ec = std::exchange(readOp, nullptr)->ec) fail(ec);
    Frame frame{beast::buffers_to_string(buffer.data()), {}};
    buffer.consume(buffer.size());
    if (options.onFrame) options.onFrame(frame.text);
    frame.value = json::parse(frame.text, nullptr, false);
    return frame;
  }

  void send(std::string text, Clock::time_point deadline, std::chrono::milliseconds budget) {
    if (failure) throw TransportError(*failure, closeInfo, false);
    auto data = std::make_shared<std::string>(std::move(text));
    auto op = std::make_shared<Op>();
    withWs([&](auto& s) {
      s.async_write(net::buffer(*data), [op, data](beast::error_code ec, std::size_t) {
        op->done = true;
        op->ec = ec;
      });
    });
    if (!await(op, deadline)) {
      dropSocket();  // a cancelled websocket write leaves the stream unusable anyway
      closeInfo = CloseInfo{1006, ""};
      failure = timeout(budget, "sending to").what();
      throw TransportError(*failure, closeInfo, true);
    }
    if (op->ec) fail(op->ec);
  }

  // Sends a request and returns the first matching res frame (or the first non-"accepted" one).
  json roundTrip(const std::string& method, const json& params, Clock::time_point deadline,
                 std::chrono::milliseconds budget, bool expectFinal) {
    const std::string id = core::uuidV4();
    const json req = {{"type", "req"}, {"id", id}, {"method", method}, {"params", params}};
    send(req.dump(-1, ' ', false, json::error_handler_t::replace), deadline, budget);
    while (auto frame = readFrame(deadline)) {
      if (str(frame->value, "type") != "res" || str(frame->value, "id") != id) {
        inbox.push_back(std::move(*frame));
      } else if (!expectFinal ||
                 str(frame->value.value("payload", json()), "status") != "accepted") {
        return std::move(frame->value);
      }
    }
    throw timeout(budget, "waiting for the response to '" + method + "' from");
  }

  json handshake(const json& params, Clock::time_point deadline) {
    return payloadOrThrow(roundTrip("connect", params, deadline, options.timeout, false));
  }

  static json payloadOrThrow(const json& res) {
    if (res.value("ok", json(false)) != true)
      throw RequestRejected(protocol::GatewayError::fromJson(res.value("error", json())));
    return res.value("payload", json());
  }

  std::optional<json> nextEvent(Clock::time_point deadline) {
    const auto isEvent = [](const Frame& f) { return str(f.value, "type") == "event"; };
    if (const auto it = std::find_if(inbox.begin(), inbox.end(), isEvent); it != inbox.end()) {
      json event = std::move(it->value);
      inbox.erase(it);
      return event;
    }
    while (auto frame = readFrame(deadline)) {
      if (isEvent(*frame)) return std::move(frame->value);
      inbox.push_back(std::move(*frame));
    }
    return std::nullopt;
  }
};

GatewayClient::GatewayClient(ConnectOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

GatewayClient::~GatewayClient() {
  if (impl_) close();
}

GatewayClient::GatewayClient(GatewayClient&&) noexcept = default;

GatewayClient& GatewayClient::operator=(GatewayClient&& other) noexcept {
  if (this != &other) {
    if (impl_) close();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

json GatewayClient::open() { return impl_->open(Clock::now() + impl_->options.timeout); }

json GatewayClient::connect() {
  const auto deadline = Clock::now() + impl_->options.timeout;
  const json challenge = impl_->open(deadline);
  json params = buildConnectParams();
  if (impl_->options.device) {
    const std::int64_t signedAt = challenge.value("ts", core::nowMs());
    params["device"] = auth::signDeviceProof(*impl_->options.device, params,
                                             challenge.value("nonce", ""), signedAt);
  }
  return impl_->handshake(params, deadline);
}

json GatewayClient::buildConnectParams() const {
  const ConnectOptions& o = impl_->options;
  const ClientIdentity& c = o.client;
  json client = {{"id", c.id}, {"version", c.version}, {"platform", c.platform}, {"mode", c.mode}};
  const std::pair<const char*, const std::optional<std::string>*> optional[] = {
      {"instanceId", &c.instanceId},
      {"displayName", &c.displayName},
      {"deviceFamily", &c.deviceFamily},
      {"modelIdentifier", &c.modelIdentifier}};
  for (const auto& [key, value] : optional) {
    if (*value) client[key] = **value;
  }
  json params = {{"minProtocol", o.minProtocol},
                 {"maxProtocol", o.maxProtocol},
                 {"client", client},
                 {"role", o.role},
                 {"scopes", o.scopes},
                 {"caps", json::array()},
                 {"userAgent", "openclaw-native-cli/" + c.version}};
  json auth = json::object();
  if (o.token) auth["token"] = *o.token;
  if (o.password) auth["password"] = *o.password;
  if (o.deviceToken) auth["deviceToken"] = *o.deviceToken;
  if (!auth.empty()) params["auth"] = auth;
  if (o.locale) params["locale"] = *o.locale;
  return params;
}

json GatewayClient::handshake(const json& connectParams) {
  return impl_->handshake(connectParams, Clock::now() + impl_->options.timeout);
}

json GatewayClient::call(const std::string& method, const json& params,
                         std::chrono::milliseconds timeout, bool expectFinal) {
  return Impl::payloadOrThrow(request(method, params, timeout, expectFinal));
}

json GatewayClient::request(const std::string& method, const json& params,
                            std::chrono::milliseconds timeout, bool expectFinal) {
  return impl_->roundTrip(method, params, Clock::now() + timeout, timeout, expectFinal);
}

std::optional<json> GatewayClient::nextEvent(std::chrono::milliseconds timeout) {
  return impl_->nextEvent(Clock::now() + timeout);
}

json GatewayClient::waitEvent(const std::string& name, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (auto event = impl_->nextEvent(deadline)) {
    if (str(*event, "event") == name) return std::move(*event);
  }
  throw impl_->timeout(timeout, "waiting for event '" + name + "' from");
}

void GatewayClient::sendText(std::string_view text) {
  impl_->send(std::string(text), Clock::now() + impl_->options.timeout, impl_->options.timeout);
}

std::optional<std::string> GatewayClient::readText(std::chrono::milliseconds timeout) {
  if (!impl_->inbox.empty()) {
    std::string text = std::move(impl_->inbox.front().text);
    impl_->inbox.pop_front();
    return text;
  }
  if (auto frame = impl_->readFrame(Clock::now() + timeout)) return std::move(frame->text);
  return std::nullopt;
}

std::optional<CloseInfo> GatewayClient::closeInfo() const { return impl_->closeInfo; }

CloseInfo GatewayClient::waitClosed(std::chrono::milliseconds timeout) {
  impl_->inbox.clear();
  const auto deadline = Clock::now() + timeout;
  try {
    while (impl_->readFrame(deadline)) {
    }
  } catch (const TransportError&) {
    if (impl_->closeInfo) return *impl_->closeInfo;
    throw;
  }
  throw impl_->timeout(timeout, "waiting for the gateway to close");
}

void GatewayClient::close(std::uint16_t code) noexcept {
  Impl& m = *impl_;
  if (!m.opened || m.failure) return;
  auto op = std::make_shared<Op>();
  m.withWs([&](auto& s) { s.async_close(websocket::close_reason(code), completes(op)); });
  const bool clean = m.runUntil([&] { return op->done && (!m.readOp || m.readOp->done); },
                                Clock::now() + m.options.timeout);
  if (!clean) m.dropSocket();
  const auto& r = m.withWs([](auto& s) -> const websocket::close_reason& { return s.reason(); });
  if (r.code != websocket::close_code::none) {
    m.closeInfo = CloseInfo{r.code, std::string(r.reason.data(), r.reason.size())};
  }
  m.failure = "connection to " + m.options.url + " was closed by the client";
}

void GatewayClient::setReadMessageMax(std::size_t bytes) {
  impl_->withWs([&](auto& s) { s.read_message_max(bytes); });
}

void GatewayClient::setReceiveBufferSize(int bytes) { impl_->receiveBufferSize = bytes; }

}  // namespace openclaw::client
