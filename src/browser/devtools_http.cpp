#include "browser/devtools_http.h"

#include "core/bounded_json.h"
#include "net/http_client.h"

namespace openclaw::browser {

boost::asio::awaitable<std::optional<nlohmann::json>> devtoolsVersion(
    boost::asio::io_context& io, int port, std::chrono::milliseconds timeout) {
  constexpr std::size_t kMaxBytes = 64 * 1024;
  net::HttpClient client(io);
  net::HttpRequest request;
  request.method = "GET";
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/json/version";
  request.connectTimeout = timeout;
  request.idleTimeout = timeout;
  const auto exchange = client.start(std::move(request));
  std::string body;
  try {
    const net::HttpResponseHead head = co_await exchange->head();
    if (head.status != 200) co_return std::nullopt;
    while (body.size() <= kMaxBytes) {
      const std::string chunk = co_await exchange->readSome();
      if (chunk.empty()) break;
      body += chunk;
    }
  } catch (const net::HttpFailure&) {
    co_return std::nullopt;
  }
  const core::BoundedJson parsed = core::parseBoundedJson(body);
  if (!parsed.ok() || !parsed.value.is_object()) co_return std::nullopt;
  co_return parsed.value;
}

}  // namespace openclaw::browser
