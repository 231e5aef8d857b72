#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "agent/providers/streaming_call.h"
#include "config/model_settings.h"

namespace openclaw::agent::providers {

// The parts of a streaming call every API shares: POST {baseUrl}{path} with the JSON body,
// the API's own headers, then the configured models.providers.<id>.headers (which win), and the
// provider's timeout. The caller adds the decoder and retry policy.
StreamingCallSpec streamingCallSpec(const config::ProviderSettings& settings,
                                    const std::string& path, const nlohmann::json& body,
                                    const net::HttpHeaders& apiHeaders);

}  // namespace openclaw::agent::providers
