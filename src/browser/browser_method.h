#pragma once

#include <boost/asio/io_context.hpp>

#include "browser/browser_service.h"
#include "rpc/method_registry.h"

namespace openclaw::browser {

// browser.request {method, path, query?, body?, timeoutMs?} (operator.admin): runs one control
// route in `service` and answers with its JSON body; a route error becomes INVALID_REQUEST (4xx)
// or UNAVAILABLE (5xx) with details {status, reason?}. Answers on `io` (the gateway's loop).
void registerBrowserMethods(rpc::MethodRegistry& registry, BrowserService& service,
                            boost::asio::io_context& io);

// The request browser.request's params describe (already validated against its schema).
BrowserRequest browserRequestFromParams(const nlohmann::json& params);

}  // namespace openclaw::browser
