#include "auth/shared_secret_auth.h"

#include "auth/constant_time.h"

namespace openclaw::auth {
namespace {

protocol::GatewayError authFailure(const std::string& detailCode, const std::string& authReason,
                                   const std::string& message, const std::string& nextStep) {
  return {protocol::codes::kInvalidRequest,
          "unauthorized: " + message,
          {{"code", detailCode},
           {"authReason", authReason},
           {"canRetryWithDeviceToken", false},
           {"recommendedNextStep", nextStep}},
          std::nullopt,
          std::nullopt};
}

std::optional<std::string> presented(const nlohmann::json& authParams, const char* field) {
  if (!authParams.is_object()) return std::nullopt;
  auto found = authParams.find(field);
  if (found == authParams.end() || !found->is_string() || found->get<std::string>().empty()) {
    return std::nullopt;
  }
  return found->get<std::string>();
}

}  // namespace

protocol::Result<void> checkSharedSecret(const config::AuthSettings& settings,
                                         const nlohmann::json& authParams, bool local) {
  if (settings.mode == config::AuthMode::None) return {};
  const bool tokenMode = settings.mode == config::AuthMode::Token;
  // The mode picks the expected secret, not the wire field: prefer the matching field, accept
  // the other one.
  std::optional<std::string> secret = presented(authParams, tokenMode ? "token" : "password");
  if (!secret) secret = presented(authParams, tokenMode ? "password" : "token");
  if (!secret) {
    return tokenMode ? authFailure("AUTH_TOKEN_MISSING", "token_missing",
                                   "gateway token missing (pass --token or set "
                                   "OPENCLAW_GATEWAY_TOKEN)",
                                   "update_auth_configuration")
                     : authFailure("AUTH_PASSWORD_MISSING", "password_missing",
                                   "gateway password missing (pass --password or set "
                                   "OPENCLAW_GATEWAY_PASSWORD)",
                                   "update_auth_configuration");
  }
  if (secretsEqual(*secret, settings.secret)) return {};
  const std::string hint = local ? "use this gateway's gateway.auth.token"
                                 : "set gateway.remote.token to match gateway.auth.token";
  return tokenMode ? authFailure("AUTH_TOKEN_MISMATCH", "token_mismatch",
                                 "gateway token mismatch (" + hint + ")", "update_auth_credentials")
                   : authFailure("AUTH_PASSWORD_MISMATCH", "password_mismatch",
                                 "gateway password mismatch", "update_auth_credentials");
}

protocol::GatewayError rateLimitedError(std::int64_t retryAfterMs) {
  return {protocol::codes::kInvalidRequest,
          "unauthorized: too many failed authentication attempts (retry later)",
          {{"code", "AUTH_RATE_LIMITED"},
           {"authReason", "rate_limited"},
           {"canRetryWithDeviceToken", false},
           {"recommendedNextStep", "wait_then_retry"}},
          true,
          retryAfterMs};
}

}  // namespace openclaw::auth
