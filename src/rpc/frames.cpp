#include "rpc/frames.h"

namespace openclaw::rpc::frames {
namespace {
// Invalid UTF-8 from a client (echoed in a message) must not make serialization throw.
std::string dump(const nlohmann::json& frame) {
  return frame.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

std::string okResponse(const std::string& id, const nlohmann::json& payload) {
  return dump({{"type", "res"}, {"id", id}, {"ok", true}, {"payload", payload}});
}

std::string errorResponse(const std::string& id, const protocol::GatewayError& error) {
  return dump({{"type", "res"}, {"id", id}, {"ok", false}, {"error", error.toJson()}});
}

std::string event(const std::string& name, const nlohmann::json& payload,
                  std::optional<std::uint64_t> seq, std::optional<StateVersion> stateVersion) {
  nlohmann::json frame = {{"type", "event"}, {"event", name}, {"payload", payload}};
  if (seq) frame["seq"] = *seq;
  if (stateVersion) {
    frame["stateVersion"] = {{"presence", stateVersion->presence},
                             {"health", stateVersion->health}};
  }
  return dump(frame);
}

BroadcastEvent::BroadcastEvent(const std::string& name, const nlohmann::json& payload,
                               std::optional<StateVersion> stateVersion) {
  // Key order matches event(): nlohmann sorts keys (event, payload, seq, stateVersion, type).
  head_ = std::make_shared<const std::string>(R"({"event":)" + dump(name) + R"(,"payload":)" +
                                              dump(payload) + R"(,"seq":)");
  std::string tail;
  if (stateVersion) {
    tail = R"(,"stateVersion":{"health":)" + std::to_string(stateVersion->health) +
           R"(,"presence":)" + std::to_string(stateVersion->presence) + "}";
  }
  tail += R"(,"type":"event"})";
  tail_ = std::make_shared<const std::string>(std::move(tail));
}

OutboundText BroadcastEvent::frameFor(std::uint64_t seq) const {
  return OutboundText{head_, std::to_string(seq), tail_};
}

}  // namespace openclaw::rpc::frames
