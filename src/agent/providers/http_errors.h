#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "agent/model_provider.h"
#include "net/http_client.h"

namespace openclaw::agent::providers {

// A connection-level failure as a ModelError: timeouts are "timeout", a bad URL "bad_request",
// malformed HTTP "protocol", everything else "network".
ModelError fromHttpError(const net::HttpError& error);

// A non-2xx answer as a ModelError: 401/403 "auth", 429 "rate_limited", 408 "timeout", 5xx
// (and 529) "server", other 4xx "bad_request". The message quotes the server's own error message
// when the body is the usual {"error": {"message": ...}} JSON, else the start of the body.
ModelError fromHttpStatus(const std::string& providerId, int status, const std::string& body);

// The wait a server asked for with retry-after-ms or Retry-After (whole or fractional seconds).
std::optional<std::chrono::milliseconds> retryAfterDelay(const net::HttpResponseHead& head);

}  // namespace openclaw::agent::providers
