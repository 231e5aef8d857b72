#include "protocol/gateway_error.h"

namespace openclaw::protocol {

nlohmann::json GatewayError::toJson() const {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!details.is_null()) error["details"] = details;
  if (retryable) error["retryable"] = *retryable;
  if (retryAfterMs) error["retryAfterMs"] = *retryAfterMs;
  return error;
}

GatewayError GatewayError::fromJson(const nlohmann::json& error) {
  GatewayError parsed;
  if (!error.is_object()) return parsed;
  if (auto code = error.find("code"); code != error.end() && code->is_string()) parsed.code = *code;
  if (auto message = error.find("message"); message != error.end() && message->is_string()) {
    parsed.message = *message;
  }
  if (auto details = error.find("details"); details != error.end()) parsed.details = *details;
  if (auto retryable = error.find("retryable");
      retryable != error.end() && retryable->is_boolean()) {
    parsed.retryable = retryable->get<bool>();
  }
  if (auto after = error.find("retryAfterMs"); after != error.end() && after->is_number_integer()) {
    parsed.retryAfterMs = after->get<std::int64_t>();
  }
  return parsed;
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
