#pragma once

#include <cstdint>
#include <string>

#include "rpc/http_router.h"

namespace openclaw::httpapi {

// The error bodies of the gateway's HTTP APIs, in the OpenAI envelope upstream uses
// ({"error":{"message","type"}}), so OpenAI SDKs surface them as their API errors.
rpc::HttpResponse errorResponse(unsigned status, const std::string& type,
                                const std::string& message);

rpc::HttpResponse invalidRequest(const std::string& message);  // 400 invalid_request_error
rpc::HttpResponse unauthorized();                              // 401 unauthorized
// 403 forbidden with upstream's MISSING_SCOPE details ("missing scope: X").
rpc::HttpResponse missingScope(const std::string& scope);
rpc::HttpResponse forbidden(const std::string& message);  // 403 forbidden
rpc::HttpResponse notFound();                             // 404 not_found
// 429 rate_limited with Retry-After (whole seconds, at least 1).
rpc::HttpResponse rateLimited(std::int64_t retryAfterMs);
// 403 proxy_attribution_required: a trusted proxy's request named no usable client.
rpc::HttpResponse proxyAttributionRequired();
rpc::HttpResponse shuttingDown();  // 503 unavailable: the gateway is stopping
rpc::HttpResponse internalError(const std::string& message);  // 500 api_error

}  // namespace openclaw::httpapi
