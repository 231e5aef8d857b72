#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agent/conversation.h"

namespace openclaw::agent {

// One streamed model call.
struct ModelRequest {
  std::string model;  // the provider's model id (without the "provider/" prefix)
  std::string systemPrompt;
  std::vector<Message> messages;
  std::vector<ToolDefinition> tools;
  int maxTokens = 4096;
};

// Why a model call failed. `retryable` failures were already retried by the provider (429 and
// 5xx with backoff) before being reported.
struct ModelError {
  std::string code;  // "auth", "rate_limited", "server", "bad_request", "network", "timeout",
                     // "cancelled", "protocol"
  std::string message;
  int httpStatus = 0;
};

// Callbacks of one call, all invoked on the event-loop thread. Exactly one of onComplete and
// onError is invoked, last; onTextDelta any number of times before it.
struct ModelStreamHandlers {
  std::function<void(const std::string& delta)> onTextDelta;
  std::function<void(AssistantTurn turn)> onComplete;
  std::function<void(ModelError error)> onError;
};

// Lets the caller stop a call in flight; the call then ends with onError{code "cancelled"}
// (unless it already ended). Safe to call more than once, and after the call ended.
class ModelCall {
 public:
  virtual ~ModelCall() = default;
  virtual void cancel() = 0;
};

// A configured model API (OpenAI-compatible Chat Completions, Anthropic Messages). Event-loop
// thread only.
class ModelProvider {
 public:
  virtual ~ModelProvider() = default;
  virtual std::shared_ptr<ModelCall> stream(const ModelRequest& request,
                                            ModelStreamHandlers handlers) = 0;
};

}  // namespace openclaw::agent
