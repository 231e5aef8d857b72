#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/gateway_settings.h"
#include "protocol/gateway_error.h"
#include "protocol/result.h"

namespace openclaw::auth {

// Checks `connect.params.auth` against the gateway's shared secret. Either wire field (token or
// password) may carry the secret; the configured mode decides which secret is expected.
// Succeeds when the client may proceed, else holds the error to answer with (details.code is
// one of AUTH_TOKEN_MISSING, AUTH_TOKEN_MISMATCH, AUTH_PASSWORD_MISSING,
// AUTH_PASSWORD_MISMATCH) — the message never contains either secret.
// `local` (a loopback peer) only changes the hint in the message.
protocol::Result<void> checkSharedSecret(const config::AuthSettings& settings,
                                         const nlohmann::json& authParams, bool local);

// The error for an address that failed too often: details.code AUTH_RATE_LIMITED, retryable,
// with retryAfterMs.
protocol::GatewayError rateLimitedError(std::int64_t retryAfterMs);

}  // namespace openclaw::auth
