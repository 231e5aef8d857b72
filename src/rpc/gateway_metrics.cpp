#include "rpc/gateway_metrics.h"

#include "core/clock.h"
#include "core/process_usage.h"

namespace openclaw::rpc {
namespace {

// Request latencies: 0.5 ms to a minute (16 bounds, as upstream's 19 series per histogram).
const std::vector<double> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                            0.25,   0.5,   1,      2.5,   5,    10,    30,   60};
// Agent runs: a tenth of a second to an hour.
const std::vector<double> kRunBounds = {0.1, 0.25, 0.5, 1,   2.5, 5,    10,
                                        30,  60,   120, 300, 600, 1800, 3600};

MethodStats methodStats(core::MetricFamily& requests, core::MetricFamily& errors,
                        core::MetricFamily& firstResponse, core::MetricFamily& handler,
                        const std::string& label) {
  return {requests.counter({label}), errors.counter({label}), firstResponse.histogram({label}),
          handler.histogram({label})};
}

}  // namespace

GatewayMetrics::GatewayMetrics(const ProcessIdentity& identity)
    : rpcRequests_(registry_.counter("openclaw_gateway_rpc_requests_total",
                                     "WebSocket RPC requests received, by method.", {"method"})),
      rpcErrors_(registry_.counter("openclaw_gateway_rpc_errors_total",
                                   "WebSocket RPC requests answered with an error, by method.",
                                   {"method"})),
      rpcFirstResponse_(registry_.histogram(
          "openclaw_gateway_rpc_first_response_seconds",
          "Time from receiving an RPC request to queueing its first answer frame.", kLatencyBounds,
          {"method"})),
      rpcHandler_(registry_.histogram("openclaw_gateway_rpc_handler_seconds",
                                      "Time spent in the RPC method handler call.", kLatencyBounds,
                                      {"method"})),
      channelReceived_(registry_.counter("openclaw_message_received_total",
                                         "Inbound channel messages received, by channel.",
                                         {"channel"})),
      channelDelivery_(registry_.counter("openclaw_message_delivery_total",
                                         "Outbound channel sends finished, by channel and outcome.",
                                         {"channel", "outcome"})),
      unknownMethod_(
          methodStats(rpcRequests_, rpcErrors_, rpcFirstResponse_, rpcHandler_, "unknown")),
      handshakeSeconds_(
          registry_
              .histogram("openclaw_gateway_handshake_seconds",
                         "Time from WebSocket upgrade to the hello-ok of accepted connects.",
                         kLatencyBounds)
              .histogram()),
      outboundQueueBytes_(registry_
                              .gauge("openclaw_gateway_ws_outbound_queue_bytes",
                                     "Bytes queued for WebSocket clients and not yet written.")
                              .gauge()),
      runsStarted_(
          registry_.counter("openclaw_run_started_total", "Agent runs started.").counter()),
      tokens_(registry_.counter("openclaw_model_tokens_total",
                                "Model tokens used by ended agent runs, by token type.",
                                {"token_type"})),
      inputTokens_(tokens_.counter({"input"})),
      outputTokens_(tokens_.counter({"output"})) {
  auto& current = registry_.gauge("openclaw_gateway_connections",
                                  "WebSocket connections past the handshake, by role.", {"role"});
  auto& total = registry_.counter("openclaw_gateway_connections_total",
                                  "WebSocket connections accepted since start, by role.", {"role"});
  for (const char* name : {"operator", "node"}) {
    roles_.push_back({current.gauge({name}), total.counter({name})});
  }
  auto& completed = registry_.counter("openclaw_run_completed_total",
                                      "Agent runs ended, by outcome.", {"outcome"});
  auto& duration =
      registry_.histogram("openclaw_run_duration_seconds",
                          "Duration of ended agent runs, by outcome.", kRunBounds, {"outcome"});
  for (const char* outcome : {"ok", "error", "timeout", "aborted"}) {
    outcomes_.push_back({outcome, completed.counter({outcome}), duration.histogram({outcome})});
  }

  registry_
      .gauge("openclaw_gateway_build_info", "Identifies the gateway process; always 1.",
             {"process_instance_id", "version"})
      .gauge({identity.instanceId, identity.version})
      .set(1);
  registry_.gauge("openclaw_memory_bytes", "Process memory, by kind.", {"kind"})
      .gaugeReading({"rss"},
                    [] { return static_cast<double>(core::residentMemoryBytes().value_or(0)); });
  registry_.gauge("process_open_fds", "Open file descriptors.").gaugeReading({}, [] {
    return static_cast<double>(core::openFileDescriptors().value_or(0));
  });
  registry_.gauge("process_start_time_seconds", "Start time of the process since the Unix epoch.")
      .gauge()
      .set(static_cast<double>(identity.startedAtMs) / 1000.0);
  registry_.gauge("openclaw_gateway_uptime_seconds", "Seconds since the gateway started.")
      .gaugeReading({}, [startedAt = identity.startedAtMonotonicMs] {
        return static_cast<double>(core::monotonicMs() - startedAt) / 1000.0;
      });
}

MethodStats& GatewayMetrics::method(const std::string& name) {
  if (auto found = methods_.find(name); found != methods_.end()) return found->second;
  return methods_
      .emplace(name, methodStats(rpcRequests_, rpcErrors_, rpcFirstResponse_, rpcHandler_, name))
      .first->second;
}

GatewayMetrics::RoleStats* GatewayMetrics::role(std::string_view name) {
  if (name == "operator") return &roles_[0];
  if (name == "node") return &roles_[1];
  return nullptr;
}

void GatewayMetrics::connectionOpened(std::string_view name) {
  if (RoleStats* stats = role(name)) {
    stats->current.add(1);
    stats->total.add();
  }
}

void GatewayMetrics::connectionClosed(std::string_view name) {
  if (RoleStats* stats = role(name)) stats->current.add(-1);
}

void GatewayMetrics::runEnded(std::string_view outcome, double seconds, std::int64_t inputTokens,
                              std::int64_t outputTokens) {
  for (OutcomeStats& stats : outcomes_) {
    if (stats.outcome != outcome) continue;
    stats.completed.add();
    stats.duration.observe(seconds);
  }
  if (inputTokens > 0) inputTokens_.add(static_cast<std::uint64_t>(inputTokens));
  if (outputTokens > 0) outputTokens_.add(static_cast<std::uint64_t>(outputTokens));
}

ChannelStats& GatewayMetrics::channel(const std::string& id) {
  if (auto found = channels_.find(id); found != channels_.end()) return found->second;
  return channels_
      .emplace(id,
               ChannelStats{channelReceived_.counter({id}), channelDelivery_.counter({id, "ok"}),
                            channelDelivery_.counter({id, "error"})})
      .first->second;
}

}  // namespace openclaw::rpc
