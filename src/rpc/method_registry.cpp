#include "rpc/method_registry.h"

#include <stdexcept>

#include "core/logging.h"
#include "protocol/protocol_schema.h"
#include "rpc/frames.h"

namespace openclaw::rpc {

Responder::Responder(std::weak_ptr<Connection> connection, std::string requestId,
                     std::string method)
    : connection_(std::move(connection)),
      requestId_(std::move(requestId)),
      method_(std::move(method)) {}

void Responder::ok(const nlohmann::json& payload) const {
  if (auto connection = connection_.lock()) {
    core::logger("ws")->debug("conn {} res {} id={} ok", connection->connId(), method_, requestId_);
    connection->sendText(frames::okResponse(requestId_, payload));
  }
  if (onOk_) onOk_(payload);
}

void Responder::fail(const protocol::GatewayError& error) const {
  if (auto connection = connection_.lock()) {
    core::logger("ws")->debug("conn {} res {} id={} error {}: {}", connection->connId(), method_,
                              requestId_, error.code, error.message);
    connection->sendText(frames::errorResponse(requestId_, error));
  }
  if (onFail_) onFail_(error);
}

void Responder::answer(const protocol::Result<nlohmann::json>& result) const {
  if (result) {
    ok(*result);
  } else {
    fail(result.error());
  }
}

void MethodRegistry::add(MethodSpec spec) {
  if (!protocol::ProtocolSchema::instance().hasDefinition(spec.paramsSchema)) {
    throw std::logic_error("method " + spec.name + ": no schema definition " + spec.paramsSchema);
  }
  const std::string name = spec.name;
  if (!methods_.emplace(name, std::move(spec)).second) {
    throw std::logic_error("method registered twice: " + name);
  }
}

const MethodSpec* MethodRegistry::find(const std::string& name) const {
  auto found = methods_.find(name);
  return found == methods_.end() ? nullptr : &found->second;
}

std::vector<std::string> MethodRegistry::names() const {
  std::vector<std::string> names;
  names.reserve(methods_.size());
  for (const auto& [name, spec] : methods_) names.push_back(name);
  return names;
}

}  // namespace openclaw::rpc
