#include "rpc/method_registry.h"

#include <stdexcept>

#include "core/logging.h"
#include "protocol/protocol_schema.h"
#include "rpc/frames.h"

namespace openclaw::rpc {

Responder::Responder(std::weak_ptr<Connection> connection, std::string requestId,
                     std::string method)
    : state_(std::make_shared<State>()) {
  state_->connection = std::move(connection);
  state_->requestId = std::move(requestId);
  state_->method = std::move(method);
}

void Responder::measure(MethodStats& stats, std::chrono::steady_clock::time_point receivedAt) {
  state_->stats = &stats;
  state_->receivedAt = receivedAt;
  stats.requests.add();
}

void Responder::record(bool failure) const {
  State& state = *state_;
  if (state.stats == nullptr) return;
  if (!state.answered) {
    state.answered = true;
    const std::chrono::duration<double> elapsed =
        std::chrono::steady_clock::now() - state.receivedAt;
    state.stats->firstResponse.observe(elapsed.count());
  }
  if (failure && !state.failed) {
    state.failed = true;
    state.stats->errors.add();
  }
}

void Responder::ok(const nlohmann::json& payload) const {
  const State& state = *state_;
  if (auto connection = state.connection.lock()) {
    core::logger("ws")->debug("conn {} res {} id={} ok", connection->connId(), state.method,
                              state.requestId);
    connection->sendText(frames::okResponse(state.requestId, payload));
  }
  record(false);
  if (state.onOk) state.onOk(payload);
}

void Responder::fail(const protocol::GatewayError& error) const {
  const State& state = *state_;
  if (auto connection = state.connection.lock()) {
    core::logger("ws")->debug("conn {} res {} id={} error {}: {}", connection->connId(),
                              state.method, state.requestId, error.code, error.message);
    connection->sendText(frames::errorResponse(state.requestId, error));
  }
  record(true);
  if (state.onFail) state.onFail(error);
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
  if (methods_.contains(name)) throw std::logic_error("method registered twice: " + name);
  MethodStats* stats = metrics_ ? &metrics_->method(name) : nullptr;
  methods_.emplace(name, Registered{std::move(spec), stats});
}

const MethodSpec* MethodRegistry::find(const std::string& name) const {
  const Registered* registered = lookup(name);
  return registered ? &registered->spec : nullptr;
}

const MethodRegistry::Registered* MethodRegistry::lookup(const std::string& name) const {
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
