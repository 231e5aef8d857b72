#include "daemon/probe_routes.h"

#include <nlohmann/json.hpp>

namespace openclaw::daemon {

void addProbeRoutes(rpc::HttpRouter& router, std::function<bool()> draining) {
  const auto live = [](const rpc::HttpRequest&) {
    return rpc::HttpResponse::json(200, nlohmann::json{{"ok", true}, {"status", "live"}}.dump());
  };
  router.add("GET", "/health", live);
  router.add("GET", "/healthz", live);

  const auto ready = [draining](const rpc::HttpRequest&) {
    const bool isReady = !draining();
    return rpc::HttpResponse::json(isReady ? 200 : 503, nlohmann::json{{"ready", isReady}}.dump());
  };
  router.add("GET", "/ready", ready);
  router.add("GET", "/readyz", ready);

  // Start-up has no pending phases in this gateway: it is "started" from the first request it
  // can answer until it begins draining.
  const auto started = [draining](const rpc::HttpRequest&) {
    if (draining()) {
      return rpc::HttpResponse::json(503,
                                     nlohmann::json{{"ok", false}, {"status", "draining"}}.dump());
    }
    return rpc::HttpResponse::json(200, nlohmann::json{{"ok", true}, {"status", "started"}}.dump());
  };
  router.add("GET", "/startup", started);
  router.add("GET", "/startupz", started);
}

}  // namespace openclaw::daemon
