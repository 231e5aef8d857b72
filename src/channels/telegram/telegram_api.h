#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "net/http_client.h"
#include "net/multipart_form.h"

namespace openclaw::channels::telegram {

// The outcome of one Bot API call.
struct ApiResult {
  bool ok = false;
  nlohmann::json result;          // `result` of an ok answer
  int status = 0;                 // HTTP status; 0 when no answer arrived
  std::string description;        // the API's or the transport's error text
  std::optional<int> retryAfter;  // seconds, from a 429's parameters.retry_after
  bool unauthorized() const { return status == 401 || status == 404; }
};

// Calls `<apiRoot>/bot<token>/<method>` with a JSON body. Event-loop thread only.
class BotApi {
 public:
  BotApi(boost::asio::io_context& io, std::string apiRoot, std::string token);

  // `wait` bounds each wait for response bytes (long polls pass their timeout plus a margin).
  // Cancelling the returned exchange means `done` is not called.
  std::shared_ptr<net::HttpExchange> call(const std::string& method, const nlohmann::json& params,
                                          std::chrono::milliseconds wait,
                                          std::function<void(ApiResult)> done);
  // As call, with a multipart/form-data body (sendPhoto, sendDocument with the file's bytes).
  std::shared_ptr<net::HttpExchange> upload(const std::string& method,
                                            const net::MultipartForm& form,
                                            std::chrono::milliseconds wait,
                                            std::function<void(ApiResult)> done);

  // The bytes of `<apiRoot>/file/bot<token>/<filePath>` (a getFile result's file_path), or
  // nullopt and the reason (HTTP error, transport failure, more than `maxBytes`).
  struct Download {
    std::optional<std::string> bytes;
    std::string error;
  };
  std::shared_ptr<net::HttpExchange> download(const std::string& filePath, std::uint64_t maxBytes,
                                              std::chrono::milliseconds wait,
                                              std::function<void(Download)> done);

 private:
  std::shared_ptr<net::HttpExchange> post(const std::string& method, std::string contentType,
                                          std::string body, std::chrono::milliseconds wait,
                                          std::function<void(ApiResult)> done);

  boost::asio::io_context& io_;
  net::HttpClient client_;
  std::string apiRoot_;
  std::string token_;
};

}  // namespace openclaw::channels::telegram
