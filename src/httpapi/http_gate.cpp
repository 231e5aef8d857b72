#include "httpapi/http_gate.h"

#include "auth/constant_time.h"
#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/network.h"
#include "core/text.h"
#include "httpapi/http_errors.h"
#include "protocol/scopes.h"
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
  const std::string origin = request.header("origin");
  if (!core::trimmed(origin).empty()) {
    const rpc::BrowserUpgrade browser{origin, request.header("host"),
                                      core::isLoopbackAddress(request.remoteAddress), boundPort_()};
    if (auto refusal = server::browserOriginRefusal(browser, settings_.controlUi)) {
      return forbidden(*refusal);
    }
  }
  HttpCaller caller{{}, false, request.remoteAddress};
  if (settings_.auth.mode == config::AuthMode::None) {
    caller.scopes = requestedScopes(request);
    return caller;
  }
  const std::int64_t now = core::monotonicMs();
  if (auto lockedFor = rateLimiter_.lockedFor(request.remoteAddress, now)) {
    return rateLimited(*lockedFor);
  }
  const std::string presented = bearerToken(request);
  if (presented.empty() || !auth::secretsEqual(presented, settings_.auth.secret)) {
    if (auto lockedFor = rateLimiter_.recordFailure(request.remoteAddress, now)) {
      return rateLimited(*lockedFor);
    }
    return unauthorized();
  }
  rateLimiter_.recordSuccess(request.remoteAddress);
  caller.sharedSecret = true;
  caller.scopes = protocol::knownOperatorScopes();
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
