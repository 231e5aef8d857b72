#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "channels/discord/discord_rate_limits.h"

namespace openclaw::channels::discord {

struct RestRequest {
  std::string method = "GET";
  std::string path;  // below the API root, e.g. "/channels/1/messages"
  std::string body;  // sent with contentType when non-empty
  std::string contentType = "application/json";
};

// The outcome of one REST call.
struct RestResult {
  int status = 0;       // 0 when no answer arrived (or the body was too large)
  nlohmann::json body;  // the answer as JSON; null when it was none or not JSON
  std::string raw;      // the answer's bytes (downloads)
  std::string error;    // Discord's `message`, or the transport's error
  bool ok() const { return status >= 200 && status < 300; }
  bool unauthorized() const { return status == 401; }
};

// Discord's REST API with `Authorization: Bot <token>`, honouring its rate limits (RateLimits):
// a call waits for its bucket (or a global pause) before going out, and a 429 is retried after
// its retry_after, at most kMaxRateLimitRetries times. At most kMaxPending calls are waiting or
// in flight; more fail at once. Event-loop thread only. cancelAll() (also on destruction) ends
// every pending call: its callback runs later with status 0 and a "cancelled" error, and so does
// the callback of any call made after it.
class RestClient {
 public:
  static constexpr int kMaxRateLimitRetries = 5;
  static constexpr std::size_t kMaxPending = 256;
  static constexpr std::size_t kMaxAnswerBytes = 1024 * 1024;

  RestClient(boost::asio::io_context& io, std::string apiRoot, std::string token);
  ~RestClient();
  RestClient(const RestClient&) = delete;
  RestClient& operator=(const RestClient&) = delete;

  // `timeout` bounds each wait for answer bytes of one attempt.
  void call(RestRequest request, std::chrono::milliseconds timeout,
            std::function<void(RestResult)> done);
  // GETs an absolute URL without credentials (attachments on the CDN), reading at most
  // `maxBytes` (a larger body fails with status 0 and "too large").
  void download(const std::string& url, std::size_t maxBytes, std::chrono::milliseconds timeout,
                std::function<void(RestResult)> done);
  void cancelAll();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace openclaw::channels::discord
