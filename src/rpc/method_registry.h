#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "protocol/gateway_error.h"
#include "protocol/result.h"
#include "rpc/connection.h"
#include "rpc/gateway_metrics.h"

namespace openclaw::rpc {

// Answers one request. A handler may answer at once or keep the responder and answer later
// (after asynchronous work); answering after the connection closed is a no-op. Responding twice
// is allowed for two-phase methods (an "accepted" ack, then the final result). Copies share one
// state: the hooks and the method's metrics see the call once, whichever copy answers.
class Responder {
 public:
  // `method` only labels the debug log line each answer writes.
  Responder(std::weak_ptr<Connection> connection, std::string requestId, std::string method);

  void ok(const nlohmann::json& payload) const;
  void fail(const protocol::GatewayError& error) const;
  // ok() with the value, or fail() with the error, of a service's result.
  void answer(const protocol::Result<nlohmann::json>& result) const;

  // Also hands every successful payload to `onOk` (the dispatcher records side-effecting
  // answers for idempotent retries).
  void setOnOk(std::function<void(const nlohmann::json& payload)> onOk) {
    state_->onOk = std::move(onOk);
  }
  // Also hands every error to `onFail` (the dispatcher forwards final answers to retries).
  void setOnFail(std::function<void(const protocol::GatewayError& error)> onFail) {
    state_->onFail = std::move(onFail);
  }
  // Counts the call in `stats` (requests now; the first answer's latency since `receivedAt`; an
  // error answer once).
  void measure(MethodStats& stats, std::chrono::steady_clock::time_point receivedAt);

 private:
  struct State {
    std::weak_ptr<Connection> connection;
    std::string requestId;
    std::string method;
    std::function<void(const nlohmann::json& payload)> onOk;
    std::function<void(const protocol::GatewayError& error)> onFail;
    MethodStats* stats = nullptr;
    std::chrono::steady_clock::time_point receivedAt;
    bool answered = false;
    bool failed = false;
  };
  // The first answer's latency, and the error, for the metrics.
  void record(bool failure) const;

  std::shared_ptr<State> state_;
};

// One method invocation, already authorized and with params validated against its schema.
struct MethodCall {
  std::shared_ptr<Connection> connection;
  const std::string& method;
  // Always an object. Owned by the dispatcher for the duration of the handler call and not read
  // after it: a handler may move parts out instead of copying them.
  nlohmann::json& params;
};

// What every method declares when it registers, built with designated initializers
// (`registry.add({.name = "health", .scope = scopes::kRead, .paramsSchema = "HealthParams",
// .handler = ...})`); the flags default to false and are named only when set. The dispatcher
// enforces all of it; handlers only see calls that passed.
struct MethodSpec {
  std::string name;
  // The scope the caller needs (e.g. "operator.read"), or "node" for node-role methods.
  std::string scope;
  // A definition in schema/protocol.schema.json the params must satisfy.
  std::string paramsSchema;
  // Side-effecting: a successful answer is remembered under the params' idempotencyKey (when
  // given), and a retry with the same key gets that answer without running the handler again.
  bool sideEffects = false;
  // Node-role connections may call it too, without scopes (an operator still needs `scope`).
  bool nodeMayCall = false;
  std::function<void(const MethodCall&, const Responder&)> handler;
};

// Method families add their methods here at start-up; the dispatcher knows nothing else about
// individual methods.
class MethodRegistry {
 public:
  // A registered method and its metrics series (null without metrics).
  struct Registered {
    MethodSpec spec;
    MethodStats* stats = nullptr;
  };

  // With `metrics` (which must outlive the registry), each method's series are created as it
  // registers.
  explicit MethodRegistry(GatewayMetrics* metrics = nullptr) : metrics_(metrics) {}

  // Throws std::logic_error for a duplicate name or a params schema the schema file lacks.
  void add(MethodSpec spec);

  const MethodSpec* find(const std::string& name) const;
  const Registered* lookup(const std::string& name) const;

  // Every registered method name, sorted (advertised in hello-ok features.methods).
  std::vector<std::string> names() const;

  // Events a method family emits, advertised in hello-ok features.events (sorted, unique).
  void addEvent(const std::string& name) { events_.insert(name); }
  std::vector<std::string> events() const { return {events_.begin(), events_.end()}; }

  // Server capabilities a method family provides (upstream's GATEWAY_SERVER_CAPS strings, e.g.
  // "published-model-catalog"), advertised in hello-ok features.capabilities; upstream clients
  // refuse some calls unless the capability is there.
  void addCapability(const std::string& name) { capabilities_.insert(name); }
  std::vector<std::string> capabilities() const {
    return {capabilities_.begin(), capabilities_.end()};
  }

 private:
  GatewayMetrics* metrics_;
  std::map<std::string, Registered> methods_;
  std::set<std::string> events_;
  std::set<std::string> capabilities_;
};

}  // namespace openclaw::rpc
