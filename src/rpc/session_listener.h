#pragma once

#include <memory>

#include "rpc/connection.h"

namespace openclaw::rpc {

// Subsystems that track who is connected (node registry, run subscribers) implement this and
// register with the control plane. Event-loop thread only.
class SessionListener {
 public:
  virtual ~SessionListener() = default;
  // `connection` was accepted and its hello-ok sent.
  virtual void onSessionStarted(const std::shared_ptr<Connection>& connection) = 0;
  // An accepted connection closed.
  virtual void onSessionEnded(const std::shared_ptr<Connection>& connection) = 0;
};

}  // namespace openclaw::rpc
