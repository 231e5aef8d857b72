#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "net/http_client.h"

namespace openclaw::automation {

// Which webhook receivers a job may reach (cron.webhookSsrfPolicy): by default only public
// addresses, as upstream's strict guard.
struct WebhookPolicy {
  // dangerouslyAllowPrivateNetwork: loopback, private and other special-purpose addresses too.
  bool allowPrivateNetwork = false;
  // allowedHostnames: URL hosts (names or IP literals, compared case-insensitively) exempt
  // from the guard.
  std::vector<std::string> allowedHostnames;
  std::string token;  // cron.webhookToken: sent as "Authorization: Bearer <token>" when set
};

// How long one webhook POST may take, connecting included (upstream's 10 s).
inline constexpr std::chrono::milliseconds kWebhookTimeout{10'000};

// What a POST came to: empty `error` when the receiver answered 2xx.
struct WebhookResult {
  std::string error;
};

// POSTs `body` as JSON to `url` with `client` (its io_context's thread), within kWebhookTimeout.
// Errors: "cron webhook delivery.to must be a valid http(s) URL", the guard's refusal, a connect
// or timeout failure, "webhook request failed with HTTP <status>".
boost::asio::awaitable<WebhookResult> postWebhook(net::HttpClient& client, const std::string& url,
                                                  const nlohmann::json& body,
                                                  const WebhookPolicy& policy);

}  // namespace openclaw::automation
