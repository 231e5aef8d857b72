#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "agent/model_provider.h"
#include "agent/providers/streaming_call.h"
#include "config/model_settings.h"
#include "net/http_client.h"

namespace openclaw::agent::providers {

// The Messages request body for `request`: consecutive tool results (and a user message after
// them) are merged into one user turn, as the API requires alternating roles.
nlohmann::json anthropicMessagesBody(const ModelRequest& request);

// Anthropic Messages streaming: POST {baseUrl}/v1/messages with x-api-key and
// anthropic-version 2023-06-01.
class AnthropicMessagesProvider : public StreamingProvider {
 public:
  AnthropicMessagesProvider(boost::asio::io_context& io, config::ProviderSettings settings,
                            RetryPolicy retry = {})
      : StreamingProvider(io, std::move(settings), retry) {}
  std::shared_ptr<ModelCall> stream(const ModelRequest& request,
                                    ModelStreamHandlers handlers) override;
};

}  // namespace openclaw::agent::providers
