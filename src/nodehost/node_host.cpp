#include "nodehost/node_host.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "auth/device_auth.h"
#include "client/gateway_client.h"
#include "core/clock.h"
#include "core/network.h"
#include "nodehost/gateway_calls.h"
#include "nodehost/node_credentials.h"
#include "nodehost/reconnect_backoff.h"
#include "nodehost/system_commands.h"

namespace openclaw::nodehost {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// How long one socket read waits before the loop hands back finished command results.
constexpr std::chrono::milliseconds kReadSlice{50};
// Commands that may run at once; later invokes queue behind them.
constexpr std::size_t kWorkers = 2;
// A connection that lasted this long starts the reconnect delays over; shorter ones (a gateway
// that accepts and then drops the node) keep them growing.
constexpr std::chrono::seconds kStableConnection{10};

void say(const std::string& line) { std::cout << "node host: " << line << std::endl; }

// A finished command, waiting for the connection thread to report it.
struct Finished {
  std::uint64_t connection = 0;  // which connection asked; results for older ones are dropped
  std::string id;
  std::string command;
  CommandOutcome outcome;
};

// Handed from worker threads to the connection thread.
class FinishedQueue {
 public:
  void push(Finished finished) {
    std::lock_guard lock(mutex_);
    finished_.push_back(std::move(finished));
  }
  std::vector<Finished> takeAll() {
    std::lock_guard lock(mutex_);
    return std::exchange(finished_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<Finished> finished_;
};

class NodeHost {
 public:
  NodeHost(const NodeHostOptions& options, StopSignal& stop)
      : options_(options),
        stop_(stop),
        credentials_(options.stateDir),
        identity_(credentials_.loadOrCreateIdentity()),
        commands_(options.policy, stopping_, options.stateDir / "node-exec-approvals.json",
                  [this](const json& request) { return askOperator(request); }),
        backoff_(options.initialBackoff, options.maxBackoff) {}

  int run() {
    say("device " + identity_.deviceId() + " (key " + credentials_.identityPath().string() + ")");
    while (!stop_.requested()) {
      const std::string reason = connectAndServe();
      if (stop_.requested()) break;
      if (connectedAt_ && Clock::now() - *connectedAt_ >= kStableConnection) backoff_.reset();
      const auto delay = backoff_.next();
      say("disconnected: " + reason + "; reconnecting in " + std::to_string(delay.count()) + " ms");
      stop_.waitFor(delay);
    }
    stopping_ = true;  // programs still running would otherwise hold the exit up
    workers_.join();
    say("stopped");
    return 0;
  }

 private:
  client::ConnectOptions connectOptions() const {
    client::ConnectOptions connect;
    connect.url = options_.url;
    connect.token = options_.token;
    connect.password = options_.password;
    connect.tlsFingerprint = options_.tlsFingerprint;
    connect.client.id = "node-host";
    connect.client.mode = "node";
    connect.client.version = OPENCLAW_VERSION;
    connect.client.platform = "linux";
    connect.client.deviceFamily = "Linux";
    connect.client.displayName = options_.displayName.value_or(core::hostName());
    connect.client.instanceId = identity_.deviceId();
    connect.role = "node";
    connect.scopes = {};
    return connect;
  }

  // One connection, from connect to its end; returns why it ended.
  std::string connectAndServe() {
    ++connection_;
    connectedAt_.reset();
    const std::string reason = connectAndServeOnce();
    calls_.connectionEnded();
    return reason;
  }

  std::string connectAndServeOnce() {
    try {
      client::GatewayClient gateway(connectOptions());
      const json hello = handshake(gateway);
      connectedAt_ = Clock::now();
      serve(gateway, hello.at("policy").value("tickIntervalMs", 30'000));
      gateway.close();
      return "stopping";
    } catch (const client::RequestRejected& error) {
      return rejected(error);
    } catch (const client::TransportError& error) {
      return error.what();
    } catch (const std::exception& error) {
      return std::string("unexpected error: ") + error.what();
    }
  }

  json handshake(client::GatewayClient& gateway) {
    const json challenge = gateway.open();
    json params = gateway.buildConnectParams();
    params["caps"] = json::array({"system"});
    params["commands"] = SystemCommands::names();
    const auto stored = credentials_.deviceToken(identity_.deviceId(), options_.url);
    if (stored) params["auth"]["deviceToken"] = *stored;
    params["device"] =
        auth::signDeviceProof(identity_, params, challenge.at("nonce"), core::nowMs());
    const json hello = gateway.handshake(params);
    const json& auth = hello.at("auth");
    if (auth.contains("deviceToken") && auth["deviceToken"].is_string()) {
      credentials_.saveDeviceToken(identity_.deviceId(), options_.url, auth["deviceToken"]);
      say(std::string(stored ? "device token renewed" : "device token stored"));
    }
    say("connected to " + options_.url + " as node " + identity_.deviceId() +
        (stored ? " (with device token)" : ""));
    return hello;
  }

  std::string rejected(const client::RequestRejected& error) {
    const json& details = error.error().details;
    const std::string code = details.is_object() ? details.value("code", "") : "";
    if (code == "AUTH_DEVICE_TOKEN_MISMATCH") {
      credentials_.clearDeviceToken();
      return std::string("device token rejected (") + error.what() + "); it was forgotten";
    }
    if (error.error().code == "NOT_PAIRED" || code == "PAIRING_REQUIRED") {
      const std::string requestId = details.is_object() ? details.value("requestId", "") : "";
      return "pairing required: approve this node on the gateway with `openclaw nodes approve " +
             (requestId.empty() ? std::string("<requestId>") : requestId) + "`";
    }
    return std::string("connect rejected: ") + error.what();
  }

  // Reads frames until the connection ends or stop is requested. A connection silent for two
  // tick intervals (plus slack) is treated as dead.
  void serve(client::GatewayClient& gateway, std::int64_t tickIntervalMs) {
    const auto silenceLimit = std::chrono::milliseconds(2 * tickIntervalMs + 5'000);
    auto lastFrame = Clock::now();
    while (!stop_.requested()) {
      report(gateway);
      for (const std::string& request : calls_.takeOutgoing()) gateway.sendText(request);
      const std::optional<std::string> text = gateway.readText(kReadSlice);
      if (!text) {
        if (Clock::now() - lastFrame > silenceLimit) {
          throw client::TransportError("no frames (not even ticks) from the gateway", std::nullopt,
                                       true);
        }
        continue;
      }
      lastFrame = Clock::now();
      const json frame = json::parse(*text, nullptr, false);
      if (!frame.is_object()) continue;
      if (frame.value("type", "") == "res") calls_.deliver(frame);
      if (frame.value("type", "") != "event") continue;
      const std::string event = frame.value("event", "");
      if (event == "node.invoke.request") start(frame.value("payload", json::object()));
      if (event == "shutdown") say("gateway is shutting down");
    }
  }

  // Runs one node.invoke.request on a worker thread.
  void start(const json& request) {
    const std::string id = request.value("id", "");
    const std::string command = request.value("command", "");
    if (id.empty()) return;
    json params = json::object();
    if (request.contains("paramsJSON") && request["paramsJSON"].is_string()) {
      params = json::parse(request["paramsJSON"].get<std::string>(), nullptr, false);
    }
    say("invoke " + command + " (" + id + ")");
    boost::asio::post(workers_, [this, id, command, params, connection = connection_] {
      CommandOutcome outcome =
          params.is_discarded()
              ? CommandOutcome::failure("INVALID_REQUEST", "paramsJSON is not valid JSON")
              : runGuarded(command, params);
      finished_.push({connection, id, command, std::move(outcome)});
    });
  }

  CommandOutcome runGuarded(const std::string& command, const json& params) const {
    try {
      return commands_.run(command, params);
    } catch (const std::exception& error) {
      return CommandOutcome::failure("INTERNAL", command + " failed: " + error.what());
    }
  }

  // A worker's system.run needs an operator's approval: exec.approval.request through the
  // gateway, answered when the approval ends.
  approvals::ApprovalOutcome askOperator(const json& request) {
    say("asking an operator to approve: " + request.value("command", ""));
    const std::optional<json> response = calls_.call("exec.approval.request", request, stopping_);
    if (!response || !response->value("ok", false)) {
      if (response) say("exec.approval.request failed: " + response->value("error", json()).dump());
      return approvals::ApprovalOutcome::Cancelled;
    }
    const json& payload = response->value("payload", json::object());
    const json decision = payload.value("decision", json());
    if (decision.is_string()) {
      if (auto outcome = approvals::parseDecision(decision)) return *outcome;
    }
    return payload.value("reason", "") == "timeout" ? approvals::ApprovalOutcome::Expired
                                                    : approvals::ApprovalOutcome::Cancelled;
  }

  // Sends node.invoke.result for every command finished on this connection.
  void report(client::GatewayClient& gateway) {
    for (Finished& done : finished_.takeAll()) {
      if (done.connection != connection_) continue;  // the gateway already failed it
      json params = {{"id", done.id}, {"nodeId", identity_.deviceId()}, {"ok", done.outcome.ok}};
      if (done.outcome.ok) {
        params["payloadJSON"] = done.outcome.payload.dump();
      } else {
        params["error"] = {{"code", done.outcome.errorCode},
                           {"message", done.outcome.errorMessage}};
      }
      gateway.sendText(json{
          {"type", "req"},
          {"id", "result-" + done.id},
          {"method", "node.invoke.result"},
          {"params",
           params}}.dump());
      say("invoke " + done.command + " (" + done.id + ") -> " +
          (done.outcome.ok ? "ok" : done.outcome.errorCode));
    }
  }

  const NodeHostOptions& options_;
  StopSignal& stop_;
  NodeCredentials credentials_;
  auth::DeviceIdentity identity_;
  std::atomic<bool> stopping_{false};  // ends the programs system.run runs
  GatewayCalls calls_;                 // workers' requests over the current connection
  SystemCommands commands_;
  ReconnectBackoff backoff_;
  std::uint64_t connection_ = 0;
  std::optional<Clock::time_point> connectedAt_;  // when the current connection was accepted
  FinishedQueue finished_;
  boost::asio::thread_pool workers_{kWorkers};
};

}  // namespace

int runNodeHost(const NodeHostOptions& options, StopSignal& stop) {
  return NodeHost(options, stop).run();
}

}  // namespace openclaw::nodehost
