#include "channels/signal/signal_rpc.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/bounded_json.h"
#include "core/json_fields.h"

namespace openclaw::channels::signal {
namespace {

using nlohmann::json;

boost::asio::awaitable<void> answer(std::shared_ptr<net::HttpExchange> exchange,
                                    std::size_t maxBytes, std::function<void(RpcResult)> done) {
  RpcResult failed;
  failed.unreachable = true;
  try {
    const int status = (co_await exchange->head()).status;
    std::string body;
    while (true) {
      const std::string chunk = co_await exchange->readSome();
      if (chunk.empty()) break;
      body += chunk;
      if (body.size() > maxBytes) {
        exchange->cancel();
        failed.unreachable = false;
        failed.error = "signal-cli answer larger than " + std::to_string(maxBytes) + " bytes";
        done(std::move(failed));
        co_return;
      }
    }
    done(rpcResultOf(status, body));
    co_return;
  } catch (const net::HttpFailure& failure) {
    if (failure.error().kind == net::HttpError::Kind::Cancelled) co_return;
    failed.error = failure.error().message;
  }
  done(std::move(failed));
}

}  // namespace

RpcResult rpcResultOf(int status, const std::string& body) {
  RpcResult result;
  const json parsed = core::parseJsonOrDiscarded(body);
  if (!parsed.is_object()) {
    result.unreachable = true;
    result.error = "HTTP " + std::to_string(status) + ": not a JSON-RPC answer";
    return result;
  }
  if (const auto error = parsed.find("error"); error != parsed.end() && !error->is_null()) {
    const std::string message =
        error->is_object() ? core::stringField(*error, "message").value_or("") : "";
    result.error = message.empty() ? error->dump().substr(0, 200) : message;
    if (error->is_object() && error->contains("code") && (*error)["code"].is_number_integer()) {
      result.error += " (code " + std::to_string((*error)["code"].get<std::int64_t>()) + ")";
    }
    return result;
  }
  if (status < 200 || status >= 300) {
    result.unreachable = true;
    result.error = "HTTP " + std::to_string(status);
    return result;
  }
  result.ok = true;
  if (const auto found = parsed.find("result"); found != parsed.end()) result.result = *found;
  return result;
}

SignalRpc::SignalRpc(boost::asio::io_context& io, std::string baseUrl)
    : io_(io), client_(io), baseUrl_(std::move(baseUrl)) {}

std::shared_ptr<net::HttpExchange> SignalRpc::call(const std::string& method, const json& params,
                                                   std::chrono::milliseconds timeout,
                                                   std::function<void(RpcResult)> done,
                                                   std::size_t maxAnswerBytes) {
  net::HttpRequest request;
  request.url = baseUrl_ + "/api/v1/rpc";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = core::compactJson(
      {{"jsonrpc", "2.0"}, {"method", method}, {"params", params}, {"id", nextId_++}});
  request.connectTimeout = timeout;
  request.idleTimeout = timeout;
  auto exchange = client_.start(std::move(request));
  boost::asio::co_spawn(io_, answer(exchange, maxAnswerBytes, std::move(done)),
                        boost::asio::detached);
  return exchange;
}

}  // namespace openclaw::channels::signal
