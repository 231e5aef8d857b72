#include "channels/telegram/telegram_api.h"

#include "core/bounded_json.h"
#include "core/json_fields.h"

namespace openclaw::channels::telegram {

BotApi::BotApi(boost::asio::io_context& io, std::string apiRoot, std::string token)
    : client_(io), apiRoot_(std::move(apiRoot)), token_(std::move(token)) {
  while (!apiRoot_.empty() && apiRoot_.back() == '/') apiRoot_.pop_back();
}

std::shared_ptr<net::HttpExchange> BotApi::call(const std::string& method,
                                                const nlohmann::json& params,
                                                std::chrono::milliseconds wait,
                                                std::function<void(ApiResult)> done) {
  net::HttpRequest request;
  request.url = apiRoot_ + "/bot" + token_ + "/" + method;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = core::compactJson(params);
  request.idleTimeout = wait;
  struct Exchange {
    int status = 0;
    std::string body;
    std::function<void(ApiResult)> done;
  };
  auto state = std::make_shared<Exchange>();
  state->done = std::move(done);
  net::HttpHandlers handlers;
  handlers.onHead = [state](const net::HttpResponseHead& head) { state->status = head.status; };
  handlers.onBody = [state](std::string_view chunk) { state->body.append(chunk); };
  handlers.onDone = [state] {
    ApiResult result;
    result.status = state->status;
    auto body = core::parseJsonOrDiscarded(state->body);
    if (!body.is_object()) {
      result.description = "HTTP " + std::to_string(state->status) + ": not a Bot API answer";
    } else {
      result.ok = body.value("ok", false) && state->status == 200;
      if (auto found = body.find("result"); found != body.end()) result.result = std::move(*found);
      result.description = body.value("description", "");
      if (body.contains("parameters") && body["parameters"].contains("retry_after")) {
        result.retryAfter = body["parameters"]["retry_after"].get<int>();
      }
    }
    state->done(std::move(result));
  };
  handlers.onError = [state](const net::HttpError& error) {
    ApiResult result;
    result.description = error.message;
    state->done(std::move(result));
  };
  return client_.send(std::move(request), std::move(handlers));
}

}  // namespace openclaw::channels::telegram
