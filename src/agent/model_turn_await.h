#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include "agent/model_provider.h"
#include "core/awaitable.h"
#include "core/cancel_signal.h"

namespace openclaw::agent {

// What an awaited model call throws when it ended with an error.
class ModelFailure : public std::runtime_error {
 public:
  explicit ModelFailure(ModelError error)
      : std::runtime_error(error.message), error_(std::move(error)) {}
  const ModelError& error() const { return error_; }

 private:
  ModelError error_;
};

// One streamed model call as an await: `onDelta` gets each text delta while it runs; returns the
// completed turn, throws ModelFailure for the call's error. `cancel` cancels the call in flight:
// the await throws core::Cancelled at once, then the call is stopped (its late end is ignored).
boost::asio::awaitable<AssistantTurn> streamTurn(ModelProvider& provider,
                                                 const ModelRequest& request,
                                                 std::function<void(const std::string&)> onDelta,
                                                 core::CancelSignal& cancel);

}  // namespace openclaw::agent
