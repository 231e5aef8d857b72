#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "agent/model_provider.h"
#include "agent/providers/streaming_call.h"
#include "config/model_settings.h"
#include "net/http_client.h"

namespace openclaw::agent::providers {

// The Chat Completions request body for `request` (streaming, usage included).
// `maxTokensField` is "max_completion_tokens" for api.openai.com, "max_tokens" elsewhere.
nlohmann::json openAiCompletionsBody(const ModelRequest& request, const char* maxTokensField);

// OpenAI-compatible Chat Completions streaming: POST {baseUrl}/chat/completions. Serves OpenAI,
// OpenRouter, Ollama, llama.cpp, vLLM and the like; the bearer key is omitted when empty.
class OpenAiCompletionsProvider : public StreamingProvider {
 public:
  OpenAiCompletionsProvider(boost::asio::io_context& io, config::ProviderSettings settings,
                            RetryPolicy retry = {})
      : StreamingProvider(io, std::move(settings), retry) {}
  std::shared_ptr<ModelCall> stream(const ModelRequest& request,
                                    ModelStreamHandlers handlers) override;
};

}  // namespace openclaw::agent::providers
