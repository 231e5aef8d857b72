// libFuzzer target: rpc::HttpRouter::route with the gateway's probe routes and, for each HTTP
// API, a POST route that admits the request through httpapi::HttpGate (token auth, or auth mode
// "none") and then runs that API's body parser on it, on a request built from the input: byte 0
// holds flags (bit 0: the gateway is draining; bit 1: auth mode "none"; bit 2: the caller is not
// on loopback, so failed auth attempts count towards the lockout), then "METHOD PATH[?QUERY]\n",
// "name: value" header lines, a blank line, and the body.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "auth/auth_rate_limiter.h"
#include "daemon/probe_routes.h"
#include "httpapi/hook_actions.h"
#include "httpapi/http_gate.h"
#include "httpapi/openai_chat_request.h"
#include "httpapi/responses_request.h"
#include "httpapi/tools_invoke_routes.h"
#include "rpc/http_router.h"

namespace {

using namespace openclaw;
using rpc::HttpRequest;
using rpc::HttpResponse;
using rpc::HttpRouter;

// An HTTP API's body parsing and validation: given an admitted request, parse its body as the
// API's route does (it answers errors by returning them; it must not throw or crash).
using BodyParser = std::function<void(const HttpRequest&)>;

// The JSON-object bodies of the APIs whose parsers take parsed JSON: the route's own first step.
template <typename Parse>
BodyParser jsonBody(Parse parse) {
  return [parse](const HttpRequest& request) {
    auto body = httpapi::jsonObjectBody(request);
    if (auto* object = std::get_if<nlohmann::json>(&body)) parse(*object);
  };
}

// Every HTTP API of the gateway, by path. Add a line per API.
const std::vector<std::pair<std::string, BodyParser>>& apiParsers() {
  static const std::vector<std::pair<std::string, BodyParser>> parsers = {
      {"/tools/invoke",
       [](const HttpRequest& request) { (void)httpapi::readToolsInvokeRequest(request); }},
      {"/v1/chat/completions", jsonBody([](const nlohmann::json& body) {
         (void)httpapi::parseChatCompletionRequest(body);
       })},
      {"/v1/responses",
       jsonBody([](const nlohmann::json& body) { (void)httpapi::parseResponsesRequest(body); })},
      {"/hooks/wake",
       jsonBody([](const nlohmann::json& body) { (void)httpapi::wakeFromPayload(body); })},
      {"/hooks/agent", jsonBody([](const nlohmann::json& body) {
         (void)httpapi::agentFromPayload(body, {"irc", "telegram"});
       })},
  };
  return parsers;
}

struct Gateway {
  bool draining = false;
  config::GatewaySettings settings;
  auth::AuthRateLimiter rateLimiter{config::AuthRateLimit{}};
  httpapi::HttpGate gate{settings, rateLimiter, [this] { return draining; }, [] { return 18789; }};
  HttpRouter router;

  Gateway() {
    settings.auth = {config::AuthMode::Token, "fuzz-token"};
    daemon::addProbeRoutes(router, [this] { return draining; });
    router.add("PUT", "/hooks", [](const HttpRequest&) { return HttpResponse::json(204, ""); });
    for (const auto& [path, parse] : apiParsers()) {
      router.add("POST", path, [this, parse = parse](const HttpRequest& request) {
        auto admitted = gate.admit(request);
        if (auto* refused = std::get_if<HttpResponse>(&admitted)) return std::move(*refused);
        parse(request);
        return HttpResponse::json(200, "{}");
      });
    }
  }
};

std::string_view nextLine(std::string_view& input) {
  const std::size_t newline = input.find('\n');
  std::string_view line = input.substr(0, newline);
  input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Gateway gateway;

  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::uint8_t flags = 0;
  if (!input.empty()) {
    flags = static_cast<std::uint8_t>(input.front());
    input.remove_prefix(1);
  }
  gateway.draining = (flags & 1) != 0;
  gateway.settings.auth.mode = (flags & 2) != 0 ? config::AuthMode::None : config::AuthMode::Token;
  HttpRequest request;
  const std::string_view requestLine = nextLine(input);
  const std::size_t space = requestLine.find(' ');
  request.method = std::string(requestLine.substr(0, space));
  if (space != std::string_view::npos) {
    const std::string_view target = requestLine.substr(space + 1);
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos)
      request.query = std::string(target.substr(question + 1));
  }
  while (!input.empty()) {
    const std::string_view line = nextLine(input);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    request.headers[std::string(line.substr(0, colon))] =
        colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1));
  }
  request.body = std::string(input);
  request.remoteAddress = (flags & 4) != 0 ? "203.0.113.7" : "127.0.0.1";
  const HttpResponse response = gateway.router.route(request);
  if (response.status < 100 || response.status > 599) __builtin_trap();
  return 0;
}
