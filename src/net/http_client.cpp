// The only translation unit of the HTTP client that includes Boost.Beast.
#include "net/http_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <limits>
#include <utility>

#include "net/tls_client_context.h"

namespace openclaw::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using TlsStream = asio::ssl::stream<tcp::socket>;

auto awaitable(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

class Exchange : public HttpExchange, public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(asio::io_context& io, std::function<std::shared_ptr<asio::ssl::context>()> tls,
           HttpRequest request)
      : request_(std::move(request)), url_(parseHttpUrl(request_.url)), resolver_(io), timer_(io) {
    if (url_ && url_->tls) {
      tls_ = tls();
      secure_ = std::make_unique<TlsStream>(io, *tls_);
    } else {
      plain_ = std::make_unique<tcp::socket>(io);
    }
    // Not boost::none: Beast 1.74 then rejects every Content-Length body (it compares the length
    // against the empty optional).
    parser_.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser_.header_limit(64 * 1024);
  }

  void cancel() override {
    cancelled_ = true;
    closeConnection();
    timer_.cancel();
  }

  asio::awaitable<HttpResponseHead> head() override {
    if (!url_) {
      throw HttpFailure({HttpError::Kind::BadUrl, "not an http(s) URL: \"" + request_.url + "\""});
    }
    throwIfCancelled();
    if (secure_) co_return co_await headOver(*secure_);
    co_return co_await headOver(*plain_);
  }

  asio::awaitable<std::string> readSome() override {
    if (secure_) co_return co_await readOver(*secure_);
    co_return co_await readOver(*plain_);
  }

 private:
  tcp::socket& socket() { return secure_ ? secure_->next_layer() : *plain_; }

  void closeConnection() {
    resolver_.cancel();
    beast::error_code ignored;
    socket().close(ignored);
  }

  // Starts the deadline for the next phase; when it passes, the connection is closed, which
  // completes the pending operation with an error that check() reports as a timeout.
  void arm(std::chrono::milliseconds budget) {
    const std::uint64_t generation = ++generation_;
    timer_.expires_after(budget);
    timer_.async_wait([weak = weak_from_this(), generation](beast::error_code ec) {
      auto self = weak.lock();
      if (ec || !self || self->generation_ != generation || self->cancelled_) return;
      self->timedOut_ = true;
      self->closeConnection();
    });
  }

  void throwIfCancelled() {
    if (cancelled_) fail({HttpError::Kind::Cancelled, "the request was cancelled"});
  }

  // Throws once the exchange is cancelled, or when `ec` failed the step described by `what`.
  void check(HttpError::Kind kind, const std::string& what, const beast::error_code& ec) {
    throwIfCancelled();
    if (ec) fail(failure(kind, what, ec));
  }

  // The error `ec` means for the step described by `what`; a timeout when the deadline closed
  // the connection.
  HttpError failure(HttpError::Kind kind, const std::string& what,
                    const beast::error_code& ec) const {
    if (timedOut_) return {HttpError::Kind::Timeout, what + " " + url_->host + ": timed out"};
    return {kind, what + " " + url_->host + ": " + ec.message()};
  }

  [[noreturn]] void fail(HttpError error) {
    closeConnection();
    timer_.cancel();
    throw HttpFailure(std::move(error));
  }

  // Why request_.checkAddress refuses one of the resolved addresses, if it does.
  std::optional<std::string> refusal(const tcp::resolver::results_type& endpoints) const {
    if (!request_.checkAddress) return std::nullopt;
    for (const auto& entry : endpoints) {
      if (auto reason = request_.checkAddress(entry.endpoint().address())) return reason;
    }
    return std::nullopt;
  }

  template <class Stream>
  asio::awaitable<HttpResponseHead> headOver(Stream& stream) {
    beast::error_code ec;
    arm(request_.connectTimeout);
    const auto endpoints = co_await resolver_.async_resolve(url_->host, url_->port, awaitable(ec));
    check(HttpError::Kind::Connect, "cannot resolve", ec);
    if (auto reason = refusal(endpoints)) {
      fail({HttpError::Kind::Refused, "refusing to connect to " + url_->host + ": " + *reason});
    }
    co_await asio::async_connect(socket(), endpoints, awaitable(ec));
    check(HttpError::Kind::Connect, "cannot connect to", ec);
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      if (!SSL_set_tlsext_host_name(stream.native_handle(), url_->host.c_str())) {
        fail(failure(HttpError::Kind::Connect, "cannot set TLS server name for",
                     {static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()}));
      }
      stream.set_verify_callback(asio::ssl::host_name_verification(url_->host));
      co_await stream.async_handshake(asio::ssl::stream_base::client, awaitable(ec));
      check(HttpError::Kind::Connect, "TLS handshake failed with", ec);
    }

    http::request<http::string_body> req{http::string_to_verb(request_.method), url_->target, 11};
    req.set(http::field::host, url_->host);
    req.set(http::field::user_agent, "openclaw-gateway/" OPENCLAW_VERSION);
    for (const auto& [name, value] : request_.headers) req.set(name, value);
    if (!request_.body.empty() || req.method() == http::verb::post) {
      req.body() = std::move(request_.body);
      req.prepare_payload();
    }
    arm(request_.idleTimeout);
    co_await http::async_write(stream, req, awaitable(ec));
    check(HttpError::Kind::Network, "cannot send the request to", ec);

    arm(request_.idleTimeout);
    co_await http::async_read_header(stream, buffer_, parser_, awaitable(ec));
    check(classify(ec), "no response from", ec);

    HttpResponseHead head;
    head.status = static_cast<int>(parser_.get().result_int());
    for (const auto& field : parser_.get()) {
      head.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    co_return head;
  }

  template <class Stream>
  asio::awaitable<std::string> readOver(Stream& stream) {
    // An error that arrived together with the last bytes: those were returned first.
    if (pendingError_) fail(*std::exchange(pendingError_, std::nullopt));
    std::array<char, 16 * 1024> chunk{};
    while (!parser_.is_done()) {
      parser_.get().body().data = chunk.data();
      parser_.get().body().size = chunk.size();
      arm(request_.idleTimeout);
      beast::error_code ec;
      // read_some, not read: read fills the whole chunk before returning, which would hold
      // back a slow stream's events.
      co_await http::async_read_some(stream, buffer_, parser_, awaitable(ec));
      throwIfCancelled();
      const std::size_t received = chunk.size() - parser_.get().body().size;
      if (ec == http::error::need_buffer) ec = {};
      if (ec && received > 0) {
        pendingError_ = failure(classify(ec), "response body broke off from", ec);
        co_return std::string(chunk.data(), received);
      }
      check(classify(ec), "response body broke off from", ec);
      if (received > 0) co_return std::string(chunk.data(), received);
    }
    closeConnection();
    timer_.cancel();
    co_return std::string();
  }

  static HttpError::Kind classify(const beast::error_code& ec) {
    const beast::error_code endOfStream = http::error::end_of_stream;
    return ec.category() == endOfStream.category() && ec != http::error::end_of_stream &&
                   ec != http::error::partial_message
               ? HttpError::Kind::Protocol
               : HttpError::Kind::Network;
  }

  std::shared_ptr<asio::ssl::context> tls_;
  HttpRequest request_;
  std::optional<HttpUrl> url_;
  tcp::resolver resolver_;
  asio::steady_timer timer_;
  std::unique_ptr<tcp::socket> plain_;
  std::unique_ptr<TlsStream> secure_;
  beast::flat_buffer buffer_;
  http::response_parser<http::buffer_body> parser_;
  std::optional<HttpError> pendingError_;
  std::uint64_t generation_ = 0;
  bool cancelled_ = false;
  bool timedOut_ = false;
};

}  // namespace

std::optional<HttpUrl> parseHttpUrl(const std::string& url) {
  HttpUrl parsed;
  std::string_view rest(url);
  if (rest.starts_with("https://")) {
    parsed.tls = true;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  const std::size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  parsed.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (const std::size_t hash = parsed.target.find('#'); hash != std::string::npos) {
    parsed.target.resize(hash);
  }
  if (parsed.target.empty() || parsed.target.front() != '/') parsed.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no userinfo

  std::string_view host = authority, port;
  if (authority.starts_with("[")) {  // [IPv6]:port
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(":")) return std::nullopt;
    if (!after.empty()) port = after.substr(1);
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return std::nullopt;
  if (!port.empty()) {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(port)) > 65535 || std::stoi(std::string(port)) == 0) {
      return std::nullopt;
    }
    parsed.port = std::string(port);
  } else {
    parsed.port = parsed.tls ? "443" : "80";
  }
  parsed.host = std::string(host);
  return parsed;
}

std::optional<std::string> HttpResponseHead::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equalsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

struct HttpClient::Impl {
  asio::io_context& io;
  std::shared_ptr<asio::ssl::context> tls;  // created on the first https request

  std::shared_ptr<asio::ssl::context> tlsContext() {
    if (!tls) tls = makeTlsClientContext();
    return tls;
  }
};

HttpClient::HttpClient(asio::io_context& io) : impl_(std::make_unique<Impl>(Impl{io, nullptr})) {}
HttpClient::~HttpClient() = default;

std::shared_ptr<HttpExchange> HttpClient::start(HttpRequest request) {
  return std::make_shared<Exchange>(
      impl_->io, [impl = impl_.get()] { return impl->tlsContext(); }, std::move(request));
}

}  // namespace openclaw::net
