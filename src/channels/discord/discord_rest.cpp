#include "channels/discord/discord_rest.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <set>

#include "core/bounded_json.h"
#include "core/json_fields.h"
#include "net/http_client.h"

namespace openclaw::channels::discord {

namespace asio = boost::asio;

struct RestClient::Impl {
  Impl(asio::io_context& context, std::string root, std::string secret)
      : io(context), client(context), apiRoot(std::move(root)), token(std::move(secret)) {}

  asio::io_context& io;
  net::HttpClient client;
  std::string apiRoot;
  std::string token;
  RateLimits limits;
  std::size_t pending = 0;
  bool stopped = false;
  std::set<std::shared_ptr<net::HttpExchange>> exchanges;  // in flight, for cancelAll
  std::set<asio::steady_timer*> timers;                    // waiting, for cancelAll
};

namespace {

using std::chrono::milliseconds;

RateLimitInfo rateLimitInfo(const net::HttpResponseHead& head, const nlohmann::json& body) {
  RateLimitInfo info;
  info.bucket = head.header("x-ratelimit-bucket").value_or("");
  if (auto remaining = head.header("x-ratelimit-remaining")) {
    if (auto parsed = secondsValue(*remaining)) {
      info.remaining = static_cast<int>(parsed->count() / 1000);
    }
  }
  if (auto reset = head.header("x-ratelimit-reset-after")) info.resetAfter = secondsValue(*reset);
  info.global = head.header("x-ratelimit-global").value_or("") == "true";
  if (body.is_object()) {
    if (auto retry = body.find("retry_after"); retry != body.end() && retry->is_number()) {
      info.retryAfter = secondsValue(std::to_string(retry->get<double>()));
    }
    if (core::boolField(body, "global") == true) info.global = true;
  }
  if (!info.retryAfter) {
    if (auto header = head.header("retry-after")) info.retryAfter = secondsValue(*header);
  }
  return info;
}

// Sleeps `delay` on a timer cancelAll can reach; false when cancelled or stopped.
asio::awaitable<bool> sleep(const std::shared_ptr<RestClient::Impl>& impl, milliseconds delay) {
  asio::steady_timer timer(impl->io, delay);
  impl->timers.insert(&timer);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  impl->timers.erase(&timer);
  co_return !impl->stopped;
}

// One exchange: the head, the body up to `maxBytes`.
asio::awaitable<std::pair<net::HttpResponseHead, RestResult>> perform(
    std::shared_ptr<RestClient::Impl> impl, net::HttpRequest request, std::size_t maxBytes) {
  std::pair<net::HttpResponseHead, RestResult> out;
  auto exchange = impl->client.start(std::move(request));
  impl->exchanges.insert(exchange);
  try {
    out.first = co_await exchange->head();
    while (true) {
      const std::string chunk = co_await exchange->readSome();
      if (chunk.empty()) break;
      out.second.raw += chunk;
      if (out.second.raw.size() > maxBytes) {
        exchange->cancel();
        out.second.raw.clear();
        out.second.error = "the answer is too large";
        impl->exchanges.erase(exchange);
        co_return out;
      }
    }
    out.second.status = out.first.status;
  } catch (const net::HttpFailure& failure) {
    out.second.error = failure.error().message;
  }
  impl->exchanges.erase(exchange);
  co_return out;
}

RestResult cancelled() {
  RestResult result;
  result.error = "cancelled: the account stopped";
  return result;
}

asio::awaitable<void> runCall(std::shared_ptr<RestClient::Impl> impl, RestRequest request,
                              milliseconds timeout, std::function<void(RestResult)> done) {
  const std::string route = RateLimits::routeKey(request.method, request.path);
  RestResult result;
  for (int attempt = 0; attempt <= RestClient::kMaxRateLimitRetries; ++attempt) {
    for (milliseconds wait = impl->limits.reserve(route, std::chrono::steady_clock::now());
         wait.count() > 0; wait = impl->limits.reserve(route, std::chrono::steady_clock::now())) {
      if (!co_await sleep(impl, wait)) {
        done(cancelled());
        co_return;
      }
    }
    net::HttpRequest http;
    http.method = request.method;
    http.url = impl->apiRoot + request.path;
    http.headers = {{"Authorization", "Bot " + impl->token},
                    {"User-Agent", "DiscordBot (https://openclaw.ai, 1)"}};
    if (!request.body.empty()) {
      http.headers.emplace_back("Content-Type", request.contentType);
      http.body = request.body;
    }
    http.idleTimeout = timeout;
    http.connectTimeout = std::min(http.connectTimeout, timeout);
    auto [head, answer] = co_await perform(impl, std::move(http), RestClient::kMaxAnswerBytes);
    if (impl->stopped) {
      done(cancelled());
      co_return;
    }
    answer.body = core::parseJsonOrDiscarded(answer.raw);
    if (answer.body.is_discarded()) answer.body = nullptr;
    if (answer.status != 0 && !answer.ok()) {
      answer.error = "HTTP " + std::to_string(answer.status) + ": " +
                     core::stringField(answer.body, "message").value_or("no message");
    }
    if (answer.status != 0) {
      impl->limits.update(route, answer.status, rateLimitInfo(head, answer.body),
                          std::chrono::steady_clock::now());
    }
    result = std::move(answer);
    if (result.status != 429) break;
  }
  done(std::move(result));
}

}  // namespace

RestClient::RestClient(asio::io_context& io, std::string apiRoot, std::string token)
    : impl_(std::make_shared<Impl>(io, std::move(apiRoot), std::move(token))) {}

RestClient::~RestClient() { cancelAll(); }

void RestClient::cancelAll() {
  impl_->stopped = true;
  for (const auto& exchange : impl_->exchanges) exchange->cancel();
  for (auto* timer : impl_->timers) timer->cancel();
}

void RestClient::call(RestRequest request, milliseconds timeout,
                      std::function<void(RestResult)> done) {
  if (impl_->stopped) {
    done(cancelled());
    return;
  }
  if (impl_->pending >= kMaxPending) {
    RestResult full;
    full.error = "too many Discord requests waiting (" + std::to_string(kMaxPending) + ")";
    done(std::move(full));
    return;
  }
  ++impl_->pending;
  auto impl = impl_;
  auto finish = [impl, done = std::move(done)](RestResult result) {
    --impl->pending;
    done(std::move(result));
  };
  asio::co_spawn(impl_->io, runCall(impl_, std::move(request), timeout, std::move(finish)),
                 asio::detached);
}

void RestClient::download(const std::string& url, std::size_t maxBytes, milliseconds timeout,
                          std::function<void(RestResult)> done) {
  if (impl_->stopped) {
    done(cancelled());
    return;
  }
  net::HttpRequest http;
  http.method = "GET";
  http.url = url;
  http.idleTimeout = timeout;
  http.connectTimeout = std::min(http.connectTimeout, timeout);
  auto impl = impl_;
  asio::co_spawn(
      impl_->io,
      [impl, http = std::move(http), maxBytes,
       done = std::move(done)]() mutable -> asio::awaitable<void> {
        auto [head, answer] = co_await perform(impl, std::move(http), maxBytes);
        if (impl->stopped) {
          done(cancelled());
          co_return;
        }
        if (answer.status != 0 && !answer.ok()) {
          answer.error = "HTTP " + std::to_string(answer.status);
        }
        done(std::move(answer));
      },
      asio::detached);
}

}  // namespace openclaw::channels::discord
