#include "automation/webhook_delivery.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <optional>

#include "core/text.h"
#include "net/address_ranges.h"

namespace openclaw::automation {
namespace {

// Why the guard refuses `address`, if it does.
std::optional<std::string> privateTargetRefusal(const boost::asio::ip::address& address) {
  const auto range = net::specialPurposeRange(address);
  if (!range) return std::nullopt;
  return "cron webhook target " + address.to_string() + " is " + std::string(*range) +
         " (cron.webhookSsrfPolicy.allowedHostnames or dangerouslyAllowPrivateNetwork allows "
         "it)";
}

bool hostAllowed(const WebhookPolicy& policy, const std::string& host) {
  std::string bare = core::asciiLowercase(host);
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  return std::any_of(policy.allowedHostnames.begin(), policy.allowedHostnames.end(),
                     [&bare](const std::string& allowed) {
                       return core::asciiLowercase(core::trimmed(allowed)) == bare;
                     });
}

// The head of the exchange's answer; the body is not read.
boost::asio::awaitable<WebhookResult> exchangeStatus(std::shared_ptr<net::HttpExchange> exchange) {
  try {
    const net::HttpResponseHead head = co_await exchange->head();
    exchange->cancel();
    if (head.status < 200 || head.status > 299) {
      co_return WebhookResult{"webhook request failed with HTTP " + std::to_string(head.status)};
    }
    co_return WebhookResult{};
  } catch (const net::HttpFailure& failure) {
    co_return WebhookResult{"cron webhook delivery failed: " + failure.error().message};
  }
}

}  // namespace

boost::asio::awaitable<WebhookResult> postWebhook(net::HttpClient& client, const std::string& url,
                                                  const nlohmann::json& body,
                                                  const WebhookPolicy& policy) {
  const std::optional<net::HttpUrl> parsed = net::parseHttpUrl(url);
  if (!parsed) co_return WebhookResult{"cron webhook delivery.to must be a valid http(s) URL"};
  net::HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", "application/json"}};
  if (!policy.token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + policy.token);
  request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  request.connectTimeout = kWebhookTimeout;
  request.idleTimeout = kWebhookTimeout;
  if (!policy.allowPrivateNetwork && !hostAllowed(policy, parsed->host)) {
    request.checkAddress = privateTargetRefusal;
  }
  const std::shared_ptr<net::HttpExchange> exchange = client.start(std::move(request));
  boost::asio::steady_timer deadline(co_await boost::asio::this_coro::executor, kWebhookTimeout);
  deadline.async_wait([exchange](const boost::system::error_code& error) {
    if (!error) exchange->cancel();
  });
  WebhookResult result = co_await exchangeStatus(exchange);
  const bool timedOut = deadline.expiry() <= std::chrono::steady_clock::now();
  deadline.cancel();
  if (timedOut && !result.error.empty()) {
    result.error = "cron webhook delivery timed out after " +
                   std::to_string(kWebhookTimeout.count() / 1000) + " s";
  }
  co_return result;
}

}  // namespace openclaw::automation
