#include "agent/tools/web_fetch_tool.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/utf8.h"
#include "net/address_ranges.h"
#include "net/http_client.h"

namespace openclaw::agent {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Fetched {
  int status = 0;
  std::string contentType;
  std::string location;
  std::string body;
  bool truncated = false;
  std::string error;  // set when no complete answer arrived
};

bool isTextual(const std::string& contentType) {
  if (contentType.empty()) return true;  // unknown: show it, invalid bytes get replaced
  for (const char* kind : {"text/", "json", "xml", "javascript", "x-www-form-urlencoded"}) {
    if (contentType.find(kind) != std::string::npos) return true;
  }
  return false;
}

// The absolute URL a Location header points at, relative to `base` for "/path" forms.
std::string resolveLocation(const std::string& base, const std::string& location) {
  if (location.starts_with("http://") || location.starts_with("https://")) return location;
  const auto url = net::parseHttpUrl(base);
  if (!url || !location.starts_with("/")) return location;
  return std::string(url->tls ? "https://" : "http://") + url->host + ":" + url->port + location;
}

// Why web_fetch may not connect to `address`, if it may not.
std::optional<std::string> privateTargetRefusal(const boost::asio::ip::address& address) {
  const auto range = net::specialPurposeRange(address);
  if (!range) return std::nullopt;
  return address.to_string() + " is " + std::string(*range) +
         " (web_fetch reaches only public addresses; "
         "tools.web.fetch.ssrfPolicy.dangerouslyAllowPrivateNetwork: true allows the others)";
}

// Reads the answer into `fetched` (at most `maxBytes` of the body), then sets `done`.
boost::asio::awaitable<void> readInto(std::shared_ptr<net::HttpExchange> exchange,
                                      std::size_t maxBytes, Fetched* fetched, bool* done) {
  try {
    const net::HttpResponseHead head = co_await exchange->head();
    fetched->status = head.status;
    fetched->contentType = head.header("content-type").value_or("");
    fetched->location = head.header("location").value_or("");
    while (true) {
      const std::string chunk = co_await exchange->readSome();
      if (chunk.empty()) break;
      const std::size_t room = maxBytes - fetched->body.size();
      fetched->body.append(chunk.substr(0, room));
      if (chunk.size() > room) {
        fetched->truncated = true;
        exchange->cancel();
        break;
      }
    }
  } catch (const net::HttpFailure& failure) {
    fetched->error = failure.error().message;
  }
  *done = true;
}

Fetched fetchOnce(const std::string& url, const WebFetchLimits& limits,
                  const ToolContext& context) {
  boost::asio::io_context io;
  net::HttpClient client(io);
  Fetched fetched;
  bool done = false;
  net::HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Accept", "text/html, text/plain, application/json, */*;q=0.5"}};
  request.connectTimeout = limits.timeout;
  request.idleTimeout = limits.timeout;
  if (!limits.allowPrivateNetwork) request.checkAddress = privateTargetRefusal;
  const std::shared_ptr<net::HttpExchange> exchange = client.start(std::move(request));
  boost::asio::co_spawn(io, readInto(exchange, limits.maxBytes, &fetched, &done),
                        boost::asio::detached);
  const auto deadline = Clock::now() + limits.timeout;
  while (!done) {
    const bool cancelled = context.cancelled && context.cancelled->load();
    if (cancelled || Clock::now() >= deadline) {
      exchange->cancel();
      fetched.error =
          cancelled ? "the fetch was cancelled"
                    : "no complete answer within " + std::to_string(limits.timeout.count()) + " ms";
      break;
    }
    io.run_one_for(std::chrono::milliseconds(100));
  }
  return fetched;
}

ToolResult failure(const std::string& message) {
  return {message, true, ToolFailure::Rejected, json::object()};
}

}  // namespace

ToolDefinition WebFetchTool::definition() const {
  return {"web_fetch",
          "Fetch an http(s) URL with GET and return the HTTP status, content type and the body "
          "as text (long bodies are cut).",
          {{"type", "object"},
           {"properties",
            {{"url", {{"type", "string"}, {"description", "Absolute http:// or https:// URL"}}}}},
           {"required", {"url"}}}};
}

ToolResult WebFetchTool::run(const json& arguments, const ToolContext& context) const {
  if (!arguments.is_object() || !arguments.contains("url") || !arguments["url"].is_string()) {
    return failure("web_fetch needs a \"url\" string argument");
  }
  std::string url = arguments["url"].get<std::string>();
  if (!net::parseHttpUrl(url)) {
    return failure("\"" + url + "\" is not an absolute http:// or https:// URL");
  }
  Fetched fetched;
  for (int redirects = 0;; ++redirects) {
    fetched = fetchOnce(url, limits_, context);
    const bool redirect = fetched.error.empty() && fetched.status >= 300 && fetched.status < 400 &&
                          !fetched.location.empty();
    if (!redirect) break;
    if (redirects == limits_.maxRedirects) {
      return failure("too many redirects (more than " + std::to_string(limits_.maxRedirects) +
                     ") fetching " + arguments["url"].get<std::string>());
    }
    url = resolveLocation(url, fetched.location);
  }
  if (!fetched.error.empty()) return failure("fetching " + url + " failed: " + fetched.error);

  std::string output = "HTTP " + std::to_string(fetched.status) +
                       (fetched.contentType.empty() ? "" : " " + fetched.contentType) + "\n\n";
  if (isTextual(fetched.contentType)) {
    output += core::toValidUtf8(fetched.body);
    if (fetched.truncated) {
      output += "\n\n[truncated: only the first " + std::to_string(limits_.maxBytes) +
                " bytes were fetched]";
    }
  } else {
    output += "[binary content (" + fetched.contentType + ") not shown]";
  }
  ToolResult result{output, fetched.status >= 400, ToolFailure::None, json::object()};
  result.details = {{"url", url},
                    {"status", fetched.status},
                    {"contentType", fetched.contentType},
                    {"bytes", fetched.body.size()},
                    {"truncated", fetched.truncated}};
  return result;
}

}  // namespace openclaw::agent
