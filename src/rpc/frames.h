#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "protocol/gateway_error.h"
#include "rpc/outbound_text.h"

namespace openclaw::rpc::frames {

// Serialized frames, ready for Connection::sendText.
std::string okResponse(const std::string& id, const nlohmann::json& payload);
std::string errorResponse(const std::string& id, const protocol::GatewayError& error);

struct StateVersion {
  std::uint64_t presence = 0;
  std::uint64_t health = 0;
};

std::string event(const std::string& name, const nlohmann::json& payload,
                  std::optional<std::uint64_t> seq = std::nullopt,
                  std::optional<StateVersion> stateVersion = std::nullopt);

// One event going to many connections: the name, payload and state version are serialized
// once; only the per-connection sequence number differs between the frames.
class BroadcastEvent {
 public:
  BroadcastEvent(const std::string& name, const nlohmann::json& payload,
                 std::optional<StateVersion> stateVersion);
  // The frame for one recipient: flattened, identical to event(name, payload, seq,
  // stateVersion). It shares the serialized payload with every other recipient's frame.
  OutboundText frameFor(std::uint64_t seq) const;

 private:
  std::shared_ptr<const std::string> head_;  // everything up to the seq value
  std::shared_ptr<const std::string> tail_;  // everything after it
};

}  // namespace openclaw::rpc::frames
