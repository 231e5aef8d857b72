#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "net/http_client.h"

namespace openclaw::channels::signal {

// The outcome of one JSON-RPC call to signal-cli.
struct RpcResult {
  bool ok = false;
  nlohmann::json result;  // `result` of a successful answer
  // Why it failed: the JSON-RPC error's message (with its code), or the transport's error.
  std::string error;
  // The daemon did not answer usably (unreachable, timeout, not JSON-RPC): a link problem
  // rather than a refusal of this request.
  bool unreachable = false;
};

// JSON-RPC 2.0 over HTTP to a signal-cli daemon: POST <baseUrl>/api/v1/rpc. Event-loop thread
// only.
class SignalRpc {
 public:
  static constexpr std::size_t kDefaultMaxAnswerBytes = 1024 * 1024;

  SignalRpc(boost::asio::io_context& io, std::string baseUrl);

  // Calls `method` with `params`; `timeout` bounds the whole call, `maxAnswerBytes` the answer
  // (a longer one fails). `done` is not called once the returned exchange is cancelled.
  std::shared_ptr<net::HttpExchange> call(const std::string& method, const nlohmann::json& params,
                                          std::chrono::milliseconds timeout,
                                          std::function<void(RpcResult)> done,
                                          std::size_t maxAnswerBytes = kDefaultMaxAnswerBytes);

  const std::string& baseUrl() const { return baseUrl_; }
  net::HttpClient& client() { return client_; }

 private:
  boost::asio::io_context& io_;
  net::HttpClient client_;
  std::string baseUrl_;
  std::int64_t nextId_ = 1;
};

// The result of a JSON-RPC answer `body` (HTTP `status`), as call() reports it.
RpcResult rpcResultOf(int status, const std::string& body);

}  // namespace openclaw::channels::signal
