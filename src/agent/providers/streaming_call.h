#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "agent/model_provider.h"
#include "agent/sse_parser.h"
#include "config/model_settings.h"
#include "net/http_client.h"

namespace openclaw::agent::providers {

// Backoff between attempts: baseDelay * 2^(attempt-1), capped at maxDelay, +-jitter. A server's
// Retry-After (or retry-after-ms) raises the wait; one longer than maxRetryAfter is not waited.
struct RetryPolicy {
  int maxAttempts = 4;
  std::chrono::milliseconds baseDelay{1'000};
  std::chrono::milliseconds maxDelay{30'000};
  std::chrono::milliseconds maxRetryAfter{60'000};
  double jitter = 0.1;
};

// Whether a failure with this ModelError code may succeed when tried again.
bool isRetryable(const std::string& code);

// Turns one API's SSE events into text deltas and a finished turn. A fresh decoder is used for
// every attempt.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // Handles one event; text for the caller goes to `emitText`. Returns an error for an error
  // event or data that does not parse.
  virtual std::optional<ModelError> consume(
      const SseEvent& event, const std::function<void(const std::string&)>& emitText) = 0;
  // The terminal event arrived: the call completes without waiting for the connection to end.
  virtual bool done() const = 0;
  // Enough arrived that the server closing the stream now is a normal end.
  virtual bool endedCleanly() const = 0;
  // The turn so far, or an error when it is unusable (tool arguments that are not JSON).
  virtual std::optional<ModelError> finishTurn(AssistantTurn& turn) = 0;
};

struct StreamingCallSpec {
  std::string providerId;    // names the provider in error messages
  net::HttpRequest request;  // sent as is by every attempt
  std::function<std::unique_ptr<StreamDecoder>()> newDecoder;
  RetryPolicy retry;
  std::chrono::milliseconds timeout{600'000};  // the whole call, retries included
};

// Runs one model call: sends the request, feeds the SSE stream to a decoder, and retries
// retryable failures with backoff while no text has reached the caller. cancel() closes the
// connection at once and reports "cancelled" from the event loop (never from inside cancel()).
std::shared_ptr<ModelCall> startStreamingCall(boost::asio::io_context& io,
                                              std::shared_ptr<net::HttpClient> client,
                                              StreamingCallSpec spec, ModelStreamHandlers handlers);

// The common part of the HTTP streaming providers: the event loop, one HTTP client, the
// provider's settings and its retry policy. Subclasses build the request and the decoder.
class StreamingProvider : public ModelProvider {
 protected:
  StreamingProvider(boost::asio::io_context& io, config::ProviderSettings settings,
                    RetryPolicy retry);

  const config::ProviderSettings& settings() const { return settings_; }
  // Starts `spec` with this provider's retry policy on its client.
  std::shared_ptr<ModelCall> start(StreamingCallSpec spec, ModelStreamHandlers handlers);

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<net::HttpClient> client_;
  config::ProviderSettings settings_;
  RetryPolicy retry_;
};

}  // namespace openclaw::agent::providers
