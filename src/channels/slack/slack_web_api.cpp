#include "channels/slack/slack_web_api.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <charconv>

#include "core/bounded_json.h"
#include "core/json_fields.h"

namespace openclaw::channels::slack {
namespace {

// Reads the whole body, at most `maxBytes` of it; nullopt past that.
boost::asio::awaitable<std::optional<std::string>> readBody(net::HttpExchange& exchange,
                                                            std::uint64_t maxBytes) {
  std::string body;
  while (true) {
    std::string chunk = co_await exchange.readSome();
    if (chunk.empty()) co_return body;
    if (body.size() + chunk.size() > maxBytes) co_return std::nullopt;
    body += chunk;
  }
}

constexpr std::uint64_t kMaxAnswerBytes = 4 * 1024 * 1024;

std::optional<int> retryAfterOf(const net::HttpResponseHead& head) {
  const auto header = head.header("retry-after");
  if (!header) return std::nullopt;
  int seconds = 0;
  const auto [end, error] =
      std::from_chars(header->data(), header->data() + header->size(), seconds);
  if (error != std::errc() || seconds < 0) return std::nullopt;
  return seconds;
}

boost::asio::awaitable<void> answerCall(std::shared_ptr<net::HttpExchange> exchange,
                                        std::function<void(ApiResult)> done) {
  ApiResult result;
  try {
    const net::HttpResponseHead head = co_await exchange->head();
    result.status = head.status;
    result.retryAfter = retryAfterOf(head);
    const auto text = co_await readBody(*exchange, kMaxAnswerBytes);
    result.body = text ? core::parseJsonOrDiscarded(*text) : nlohmann::json();
    if (!result.body.is_object()) {
      result.body = nullptr;
      result.error = result.rateLimited()
                         ? "ratelimited"
                         : "HTTP " + std::to_string(head.status) + ": not a Slack Web API answer";
    } else {
      result.ok = head.status == 200 && core::boolField(result.body, "ok") == true;
      if (!result.ok) {
        const auto error = result.body.find("error");
        result.error = error != result.body.end() && error->is_string()
                           ? error->get<std::string>()
                           : "HTTP " + std::to_string(head.status);
      }
    }
  } catch (const net::HttpFailure& failure) {
    if (failure.error().kind == net::HttpError::Kind::Cancelled) co_return;
    result.error = failure.error().message;
  }
  done(std::move(result));
}

boost::asio::awaitable<void> answerFetch(std::shared_ptr<net::HttpExchange> exchange,
                                         std::uint64_t maxBytes,
                                         std::function<void(FetchResult)> done) {
  FetchResult result;
  try {
    const net::HttpResponseHead head = co_await exchange->head();
    if (head.status != 200) {
      result.error = "HTTP " + std::to_string(head.status);
    } else if (auto bytes = co_await readBody(*exchange, maxBytes)) {
      result.ok = true;
      result.bytes = std::move(*bytes);
      result.contentType = head.header("content-type").value_or("");
    } else {
      exchange->cancel();
      result.error = "larger than " + std::to_string(maxBytes / (1024 * 1024)) + " MB";
    }
  } catch (const net::HttpFailure& failure) {
    if (failure.error().kind == net::HttpError::Kind::Cancelled) co_return;
    result.error = failure.error().message;
  }
  done(std::move(result));
}

boost::asio::awaitable<void> answerUpload(std::shared_ptr<net::HttpExchange> exchange,
                                          std::function<void(int, std::string)> done) {
  int status = 0;
  std::string error;
  try {
    status = (co_await exchange->head()).status;
    co_await readBody(*exchange, kMaxAnswerBytes);
  } catch (const net::HttpFailure& failure) {
    if (failure.error().kind == net::HttpError::Kind::Cancelled) co_return;
    error = failure.error().message;
  }
  done(status, std::move(error));
}

void percentEncode(std::string& out, const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' || byte == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
}

}  // namespace

bool ApiResult::authFailed() const {
  return error == "invalid_auth" || error == "not_authed" || error == "token_revoked" ||
         error == "token_expired" || error == "account_inactive" || error == "no_permission" ||
         error == "missing_scope" || error == "not_allowed_token_type" || status == 401;
}

std::string formEncoded(const FormFields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body.push_back('&');
    percentEncode(body, name);
    body.push_back('=');
    percentEncode(body, value);
  }
  return body;
}

bool trustedFileUrl(const std::string& url, const std::string& apiRoot) {
  const auto file = net::parseHttpUrl(url);
  if (!file) return false;
  if (const auto root = net::parseHttpUrl(apiRoot);
      root && root->host == file->host && root->port == file->port) {
    return true;
  }
  return file->tls && (file->host == "slack.com" || file->host.ends_with(".slack.com"));
}

WebApi::WebApi(boost::asio::io_context& io, std::string apiRoot)
    : io_(io), client_(io), apiRoot_(std::move(apiRoot)) {}

std::shared_ptr<net::HttpExchange> WebApi::call(const std::string& method, const std::string& token,
                                                const FormFields& fields,
                                                std::chrono::milliseconds wait,
                                                std::function<void(ApiResult)> done) {
  net::HttpRequest request;
  request.url = apiRoot_ + "/" + method;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Authorization", "Bearer " + token}};
  request.body = formEncoded(fields);
  request.connectTimeout = std::min(request.connectTimeout, wait);
  request.idleTimeout = wait;
  auto exchange = client_.start(std::move(request));
  boost::asio::co_spawn(io_, answerCall(exchange, std::move(done)), boost::asio::detached);
  return exchange;
}

std::shared_ptr<net::HttpExchange> WebApi::fetch(const std::string& url, const std::string& token,
                                                 std::uint64_t maxBytes,
                                                 std::chrono::milliseconds wait,
                                                 std::function<void(FetchResult)> done) {
  net::HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Authorization", "Bearer " + token}};
  request.idleTimeout = wait;
  auto exchange = client_.start(std::move(request));
  boost::asio::co_spawn(io_, answerFetch(exchange, maxBytes, std::move(done)),
                        boost::asio::detached);
  return exchange;
}

std::shared_ptr<net::HttpExchange> WebApi::upload(const std::string& url, std::string body,
                                                  const std::string& contentType,
                                                  std::chrono::milliseconds wait,
                                                  std::function<void(int, std::string)> done) {
  net::HttpRequest request;
  request.url = url;
  request.headers = {{"Content-Type", contentType}};
  request.body = std::move(body);
  request.idleTimeout = wait;
  auto exchange = client_.start(std::move(request));
  boost::asio::co_spawn(io_, answerUpload(exchange, std::move(done)), boost::asio::detached);
  return exchange;
}

}  // namespace openclaw::channels::slack
