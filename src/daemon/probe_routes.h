#pragma once

#include <functional>

#include "rpc/http_router.h"

namespace openclaw::daemon {

// Unauthenticated probes (GET/HEAD): /health and /healthz answer 200 {"ok":true,"status":"live"}
// while the HTTP server runs; /ready, /readyz ({"ready":bool}) and /startup, /startupz
// ({"ok","status":"started"|"draining"}) turn 503 once the gateway is draining.
void addProbeRoutes(rpc::HttpRouter& router, std::function<bool()> draining);

}  // namespace openclaw::daemon
