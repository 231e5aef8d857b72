#include "httpapi/hook_gate.h"

#include <algorithm>

#include "auth/constant_time.h"
#include "core/clock.h"
#include "core/text.h"
#include "httpapi/http_gate.h"

namespace openclaw::httpapi {

std::string hookToken(const rpc::HttpRequest& request) {
  if (std::string bearer = bearerToken(request); !bearer.empty()) return bearer;
  return core::trimmed(request.header("x-openclaw-token"));
}

rpc::HttpResponse plainText(unsigned status, const std::string& body) {
  rpc::HttpResponse response;
  response.status = status;
  response.contentType = "text/plain; charset=utf-8";
  response.body = body;
  return response;
}

std::optional<rpc::HttpResponse> HookGate::admit(const rpc::HttpRequest& request) {
  const std::string presented = hookToken(request);
  if (!presented.empty() && auth::secretsEqual(presented, hooks_.token)) {
    limiter_.recordSuccess(request.remoteAddress);
    return std::nullopt;
  }
  const std::int64_t now = core::monotonicMs();
  if (auto lockedFor = limiter_.lockedFor(request.remoteAddress, now)) {
    rpc::HttpResponse refused = plainText(429, "Too Many Requests");
    const std::int64_t seconds = std::max<std::int64_t>(1, (*lockedFor + 999) / 1000);
    refused.headers.emplace_back("Retry-After", std::to_string(seconds));
    return refused;
  }
  limiter_.recordFailure(request.remoteAddress, now);
  return plainText(401, "Unauthorized");
}

}  // namespace openclaw::httpapi
