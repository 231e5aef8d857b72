#pragma once

#include <nlohmann/json.hpp>

#include "presence/presence_registry.h"
#include "rpc/connection.h"

namespace openclaw::methods {

// What the system method family needs from the running gateway.
class SystemServices {
 public:
  virtual ~SystemServices() = default;
  // The `health` answer for `caller`: the snapshot plus the config reload details (the last
  // reload error only for operator.admin callers).
  virtual nlohmann::json healthSnapshot(const rpc::Connection& caller) = 0;
  // The short status summary for `status`, as seen by `caller`.
  virtual nlohmann::json statusSummary(const rpc::Connection& caller) = 0;
  // Current presence rows, newest first.
  virtual nlohmann::json presenceList() = 0;
  // Merges a self-reported presence row and tells every client (presence event).
  virtual void reportPresence(const presence::PresenceEntry& entry) = 0;
};

}  // namespace openclaw::methods
