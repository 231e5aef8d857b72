#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "net/http_client.h"

namespace openclaw::channels::slack {

// The outcome of one Web API call.
struct ApiResult {
  bool ok = false;
  nlohmann::json body;            // the answer's JSON object (null when it was not one)
  int status = 0;                 // HTTP status; 0 when no answer arrived
  std::string error;              // Slack's `error` ("invalid_auth", ...) or the transport's text
  std::optional<int> retryAfter;  // seconds, from a 429's Retry-After header

  bool rateLimited() const { return status == 429; }
  // The token is unusable (wrong, revoked, its workspace or user deactivated): retrying with
  // it cannot succeed.
  bool authFailed() const;
};

// A downloaded file.
struct FetchResult {
  bool ok = false;
  std::string bytes;
  std::string contentType;
  std::string error;
};

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Slack's Web API at `<apiRoot>/<method>`: form-encoded POSTs with a bearer token (the bot
// token, or the app-level token for apps.connections.open). Event-loop thread only; a
// cancelled exchange calls nothing.
class WebApi {
 public:
  WebApi(boost::asio::io_context& io, std::string apiRoot);

  std::shared_ptr<net::HttpExchange> call(const std::string& method, const std::string& token,
                                          const FormFields& fields, std::chrono::milliseconds wait,
                                          std::function<void(ApiResult)> done);

  // GET `url` with the bot token (a file's url_private); fails past `maxBytes`.
  std::shared_ptr<net::HttpExchange> fetch(const std::string& url, const std::string& token,
                                           std::uint64_t maxBytes, std::chrono::milliseconds wait,
                                           std::function<void(FetchResult)> done);

  // POSTs `body` (of `contentType`) to an upload URL from files.getUploadURLExternal; `done`
  // gets the HTTP status (0: no answer) and the transport's error text.
  std::shared_ptr<net::HttpExchange> upload(const std::string& url, std::string body,
                                            const std::string& contentType,
                                            std::chrono::milliseconds wait,
                                            std::function<void(int, std::string)> done);

  const std::string& apiRoot() const { return apiRoot_; }

 private:
  boost::asio::io_context& io_;
  net::HttpClient client_;
  std::string apiRoot_;
};

// `fields` as application/x-www-form-urlencoded.
std::string formEncoded(const FormFields& fields);

// Whether the bot token may be sent to `url` (a file's url_private): https on slack.com or one
// of its subdomains, or the configured API root's own host (a test fake or a proxy).
bool trustedFileUrl(const std::string& url, const std::string& apiRoot);

}  // namespace openclaw::channels::slack
