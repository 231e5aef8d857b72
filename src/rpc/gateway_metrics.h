#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "core/metrics.h"

namespace openclaw::rpc {

// The series of one RPC method, resolved when the method registers so that a call only touches
// atomics.
struct MethodStats {
  core::Counter& requests;
  core::Counter& errors;
  core::Histogram& firstResponse;  // receipt of the request to its first answer frame
  core::Histogram& handler;        // the handler call itself (until it returns or throws)
};

// The series of one messaging channel.
struct ChannelStats {
  core::Counter& received;
  core::Counter& delivered;
  core::Counter& deliveryFailed;
};

// Facts about the process that the build-info, start-time and uptime series report.
struct ProcessIdentity {
  std::string version;
  std::string instanceId;
  std::int64_t startedAtMs = 0;
  std::int64_t startedAtMonotonicMs = 0;
};

// Everything GET /metrics reports, as real counters updated where the events happen (the control
// plane, the method registry, the run manager, the channel manager, the WebSocket transport).
// Label values come only from fixed sets: registered method names (else "unknown"), the two
// roles, run statuses, configured channel ids. Series are created at start-up and registration;
// updates are atomic and may come from any thread; create series on the event-loop thread.
class GatewayMetrics {
 public:
  explicit GatewayMetrics(const ProcessIdentity& identity);
  GatewayMetrics(const GatewayMetrics&) = delete;
  GatewayMetrics& operator=(const GatewayMetrics&) = delete;

  // The series of method `name` (created on first use; call when the method registers).
  MethodStats& method(const std::string& name);
  // Requests for a method that is not registered.
  MethodStats& unknownMethod() { return unknownMethod_; }

  // A connection finished its handshake (`role` "operator" or "node"), or one that had closed.
  void connectionOpened(std::string_view role);
  void connectionClosed(std::string_view role);
  core::Histogram& handshakeSeconds() { return handshakeSeconds_; }
  // Bytes queued for WebSocket clients and not yet written, over all connections.
  core::Gauge& outboundQueueBytes() { return outboundQueueBytes_; }

  void runStarted() { runsStarted_.add(); }
  // `outcome` is runs::runStatusName (ok, error, timeout, aborted).
  void runEnded(std::string_view outcome, double seconds, std::int64_t inputTokens,
                std::int64_t outputTokens);

  // The series of channel `id` (created on first use; call when the channel is configured).
  ChannelStats& channel(const std::string& id);

  // The Prometheus text (core::kPrometheusTextContentType).
  std::string render() const { return core::renderPrometheusText(registry_); }

 private:
  struct RoleStats {
    core::Gauge& current;
    core::Counter& total;
  };
  struct OutcomeStats {
    std::string_view outcome;
    core::Counter& completed;
    core::Histogram& duration;
  };
  RoleStats* role(std::string_view name);

  core::MetricsRegistry registry_;
  core::MetricFamily& rpcRequests_;
  core::MetricFamily& rpcErrors_;
  core::MetricFamily& rpcFirstResponse_;
  core::MetricFamily& rpcHandler_;
  core::MetricFamily& channelReceived_;
  core::MetricFamily& channelDelivery_;
  std::map<std::string, MethodStats, std::less<>> methods_;
  std::map<std::string, ChannelStats, std::less<>> channels_;
  MethodStats unknownMethod_;
  std::deque<RoleStats> roles_;  // operator, node
  core::Histogram& handshakeSeconds_;
  core::Gauge& outboundQueueBytes_;
  core::Counter& runsStarted_;
  std::deque<OutcomeStats> outcomes_;
  core::MetricFamily& tokens_;
  core::Counter& inputTokens_;
  core::Counter& outputTokens_;
};

}  // namespace openclaw::rpc
