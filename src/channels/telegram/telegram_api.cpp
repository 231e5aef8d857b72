#include "channels/telegram/telegram_api.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/bounded_json.h"
#include "core/json_fields.h"

namespace openclaw::channels::telegram {

namespace {

ApiResult resultOf(int status, const std::string& text) {
  ApiResult result;
  result.status = status;
  auto body = core::parseJsonOrDiscarded(text);
  if (!body.is_object()) {
    result.description = "HTTP " + std::to_string(status) + ": not a Bot API answer";
    return result;
  }
  result.ok = core::boolField(body, "ok") == true && status == 200;
  if (auto found = body.find("result"); found != body.end()) result.result = std::move(*found);
  result.description = core::stringField(body, "description").value_or("");
  if (auto parameters = body.find("parameters"); parameters != body.end()) {
    if (auto retry = core::integerField(*parameters, "retry_after"); retry && *retry >= 0) {
      result.retryAfter = static_cast<int>(std::min<std::int64_t>(*retry, 3600));
    }
  }
  return result;
}

// Reads the answer and hands it to `done`; nothing once the exchange is cancelled.
boost::asio::awaitable<void> answer(std::shared_ptr<net::HttpExchange> exchange,
                                    std::function<void(ApiResult)> done) {
  ApiResult failed;
  try {
    const int status = (co_await exchange->head()).status;
    std::string body;
    while (true) {
      const std::string chunk = co_await exchange->readSome();
      if (chunk.empty()) break;
      body += chunk;
    }
    done(resultOf(status, body));
    co_return;
  } catch (const net::HttpFailure& failure) {
    if (failure.error().kind == net::HttpError::Kind::Cancelled) co_return;
    failed.description = failure.error().message;
  }
  done(std::move(failed));
}

boost::asio::awaitable<void> fetch(std::shared_ptr<net::HttpExchange> exchange,
                                   std::uint64_t maxBytes,
                                   std::function<void(BotApi::Download)> done) {
  BotApi::Download download;
  try {
    const int status = (co_await exchange->head()).status;
    if (status != 200) {
      download.error = "HTTP " + std::to_string(status);
    } else {
      std::string bytes;
      while (download.error.empty()) {
        const std::string chunk = co_await exchange->readSome();
        if (chunk.empty()) break;
        bytes += chunk;
        if (bytes.size() > maxBytes) {
          download.error = "larger than " + std::to_string(maxBytes) + " bytes";
        }
      }
      if (download.error.empty()) download.bytes = std::move(bytes);
    }
    exchange->cancel();
  } catch (const net::HttpFailure& failure) {
    if (failure.error().kind == net::HttpError::Kind::Cancelled && download.error.empty()) {
      co_return;
    }
    if (download.error.empty()) download.error = failure.error().message;
  }
  done(std::move(download));
}

}  // namespace

BotApi::BotApi(boost::asio::io_context& io, std::string apiRoot, std::string token)
    : io_(io), client_(io), apiRoot_(std::move(apiRoot)), token_(std::move(token)) {
  while (!apiRoot_.empty() && apiRoot_.back() == '/') apiRoot_.pop_back();
}

std::shared_ptr<net::HttpExchange> BotApi::call(const std::string& method,
                                                const nlohmann::json& params,
                                                std::chrono::milliseconds wait,
                                                std::function<void(ApiResult)> done) {
  return post(method, "application/json", core::compactJson(params), wait, std::move(done));
}

std::shared_ptr<net::HttpExchange> BotApi::upload(const std::string& method,
                                                  const net::MultipartForm& form,
                                                  std::chrono::milliseconds wait,
                                                  std::function<void(ApiResult)> done) {
  return post(method, form.contentType(), form.body(), wait, std::move(done));
}

std::shared_ptr<net::HttpExchange> BotApi::download(const std::string& filePath,
                                                    std::uint64_t maxBytes,
                                                    std::chrono::milliseconds wait,
                                                    std::function<void(Download)> done) {
  net::HttpRequest request;
  request.method = "GET";
  request.url = apiRoot_ + "/file/bot" + token_ + "/" + filePath;
  request.idleTimeout = wait;
  auto exchange = client_.start(std::move(request));
  boost::asio::co_spawn(io_, fetch(exchange, maxBytes, std::move(done)), boost::asio::detached);
  return exchange;
}

std::shared_ptr<net::HttpExchange> BotApi::post(const std::string& method, std::string contentType,
                                                std::string body, std::chrono::milliseconds wait,
                                                std::function<void(ApiResult)> done) {
  net::HttpRequest request;
  request.url = apiRoot_ + "/bot" + token_ + "/" + method;
  request.headers = {{"Content-Type", std::move(contentType)}};
  request.body = std::move(body);
  request.idleTimeout = wait;
  auto exchange = client_.start(std::move(request));
  boost::asio::co_spawn(io_, answer(exchange, std::move(done)), boost::asio::detached);
  return exchange;
}

}  // namespace openclaw::channels::telegram
