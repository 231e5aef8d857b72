#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace openclaw::rpc {

// How method families push events to connected clients. Event-loop thread only. Every frame
// carries the receiving connection's next event seq.
class EventSink {
 public:
  virtual ~EventSink() = default;

  // Sends `event` to every authenticated operator connection whose scopes satisfy `scope`
  // (an empty scope: every operator connection).
  virtual void broadcastToOperators(const std::string& event, const nlohmann::json& payload,
                                    const std::string& scope) = 0;

  // Sends `event` to the authenticated connection `connId`; false when it is not connected.
  virtual bool sendTo(const std::string& connId, const std::string& event,
                      const nlohmann::json& payload) = 0;
};

}  // namespace openclaw::rpc
