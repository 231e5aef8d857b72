#include "httpapi/http_gate.h"

#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/network.h"
#include "core/text.h"
#include "httpapi/http_errors.h"
#include "protocol/scopes.h"
#include "server/connect_auth.h"
#include "server/origin_policy.h"

namespace openclaw::httpapi {
namespace {

// x-openclaw-scopes narrowed to the scopes this gateway knows; absent or empty: all of them.
std::vector<std::string> requestedScopes(const rpc::HttpRequest& request) {
  const std::string raw = request.header("x-openclaw-scopes");
  std::vector<std::string> scopes;
  for (const std::string& part : core::splitOn(raw, ',')) {
    const std::string scope = core::trimmed(part);
    for (const std::string& known : protocol::knownOperatorScopes()) {
      if (scope == known) scopes.push_back(scope);
    }
  }
  if (core::trimmed(raw).empty()) return protocol::knownOperatorScopes();
  return scopes;
}

}  // namespace

std::string bearerToken(const rpc::HttpRequest& request) {
  const std::string value = core::trimmed(request.header("authorization"));
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size() ||
      core::asciiLowercase(value.substr(0, kScheme.size())) != kScheme) {
    return "";
  }
  return core::trimmed(value.substr(kScheme.size()));
}

HttpGate::HttpGate(const config::GatewaySettings& settings, auth::AuthRateLimiter& rateLimiter,
                   std::function<bool()> draining, std::function<int()> boundPort)
    : settings_(settings),
      rateLimiter_(rateLimiter),
      draining_(std::move(draining)),
      boundPort_(std::move(boundPort)) {}

HttpOutcome<HttpCaller> HttpGate::admit(const rpc::HttpRequest& request) const {
  if (draining_()) return shuttingDown();
  const server::ClientAttribution client =
      server::attributeClient(request.remoteAddress, request.headers, settings_.proxy);
  server::noteIgnoredForwarding(client, "HTTP " + request.method + " " + request.path);
  const std::string origin = request.header("origin");
  if (!core::trimmed(origin).empty()) {
    const rpc::BrowserUpgrade browser{origin, request.header("host"), client.directLocal(),
                                      boundPort_()};
    if (auto refusal = server::browserOriginRefusal(browser, settings_.controlUi)) {
      return forbidden(*refusal);
    }
  }
  HttpCaller caller{{}, false, client.clientAddress};
  const bool open = settings_.auth.mode == config::AuthMode::None;
  const std::int64_t now = core::monotonicMs();
  if (auto lockedFor = open ? std::nullopt : rateLimiter_.lockedFor(client.clientAddress, now)) {
    return rateLimited(*lockedFor);
  }
  const std::string presented = bearerToken(request);
  const nlohmann::json authParams =
      presented.empty() ? nlohmann::json::object()
                        : nlohmann::json{{"token", presented}, {"password", presented}};
  const server::GatewayAuthVerdict verdict = server::authenticateGatewayClient(
      settings_, client, request.headers, authParams, core::interfaceIPv4Addresses);
  if (!verdict.outcome) {
    const std::string reason = verdict.outcome.error().details.value("authReason", "");
    if (reason == server::kProxyAttributionRequired) return proxyAttributionRequired();
    if (auto lockedFor =
            open ? std::nullopt : rateLimiter_.recordFailure(client.clientAddress, now)) {
      return rateLimited(*lockedFor);
    }
    return unauthorized();
  }
  if (open || verdict.proxyUser) {
    // Identity-bearing callers (auth "none" or a user a trusted proxy vouched for) may narrow
    // their scopes with x-openclaw-scopes, as upstream.
    caller.scopes = requestedScopes(request);
  } else {
    caller.sharedSecret = true;
    caller.scopes = protocol::knownOperatorScopes();
  }
  if (!open) rateLimiter_.recordSuccess(client.clientAddress);
  return caller;
}

HttpOutcome<nlohmann::json> jsonObjectBody(const rpc::HttpRequest& request) {
  if (core::trimmed(request.body).empty())
    return invalidRequest("request body is empty; send a JSON object");
  core::BoundedJson parsed = core::parseBoundedJson(request.body);
  if (parsed.status == core::JsonParseStatus::kTooDeep) {
    return invalidRequest("request body is " + core::tooDeepReason());
  }
  if (!parsed.ok()) return invalidRequest("request body is not valid JSON");
  if (!parsed.value.is_object()) return invalidRequest("request body must be a JSON object");
  return std::move(parsed.value);
}

}  // namespace openclaw::httpapi
