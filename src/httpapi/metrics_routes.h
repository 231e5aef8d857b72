#pragma once

#include "config/gateway_settings.h"
#include "httpapi/http_gate.h"
#include "rpc/gateway_metrics.h"
#include "rpc/http_router.h"

namespace openclaw::httpapi {

// The paths the Prometheus text is served at: upstream's route, and /metrics where scrapers
// look by default.
inline constexpr const char* kPrometheusPath = "/api/diagnostics/prometheus";
inline constexpr const char* kMetricsPath = "/metrics";

// GET (and HEAD) of both paths: 404 unless settings.metrics.enabled (read at each request, so a
// hot reload applies), then the gate (gateway token; 401/429/403/503) and the operator.read
// scope (403), then `metrics` rendered in the text format 0.0.4, or an empty body when
// diagnostics.enabled is false. `settings`, `gate` and `metrics` must outlive the router.
void addMetricsRoutes(rpc::HttpRouter& router, const HttpGate& gate,
                      const config::GatewaySettings& settings, const rpc::GatewayMetrics& metrics);

}  // namespace openclaw::httpapi
