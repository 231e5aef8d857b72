#pragma once

#include <nlohmann/json.hpp>

#include "presence/presence_registry.h"
#include "rpc/connection.h"

namespace openclaw::methods {

// What the system method family needs from the control plane: its connections and presence.
class SystemServices {
 public:
  virtual ~SystemServices() = default;
  // The short status summary for `status`, as seen by `caller`.
  virtual nlohmann::json statusSummary(const rpc::Connection& caller) = 0;
  // Current presence rows, newest first.
  virtual nlohmann::json presenceList() = 0;
  // Merges a self-reported presence row and tells every client (presence event).
  virtual void reportPresence(const presence::PresenceEntry& entry) = 0;
};

}  // namespace openclaw::methods
