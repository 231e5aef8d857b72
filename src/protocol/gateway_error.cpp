#include "protocol/gateway_error.h"

namespace openclaw::protocol {

nlohmann::json GatewayError::toJson() const {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!details.is_null()) error["details"] = details;
  if (retryable) error["retryable"] = *retryable;
  if (retryAfterMs) error["retryAfterMs"] = *retryAfterMs;
  return error;
}

GatewayError GatewayError::invalidRequest(std::string message, nlohmann::json details) {
  return {codes::kInvalidRequest, std::move(message), std::move(details), std::nullopt,
          std::nullopt};
}

GatewayError GatewayError::unavailable(std::string message,
                                       std::optional<std::int64_t> retryAfterMs) {
  return {codes::kUnavailable, std::move(message), nullptr, true, retryAfterMs};
}

GatewayError GatewayError::missingScope(const std::string& scope) {
  return {codes::kForbidden,
          "missing scope: " + scope,
          {{"code", "MISSING_SCOPE"},
           {"missingScope", scope},
           {"requiredScopes", nlohmann::json::array({scope})}},
          std::nullopt,
          std::nullopt};
}

}  // namespace openclaw::protocol
