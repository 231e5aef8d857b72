#include "httpapi/metrics_routes.h"

#include "httpapi/http_errors.h"
#include "protocol/scopes.h"

namespace openclaw::httpapi {

void addMetricsRoutes(rpc::HttpRouter& router, const HttpGate& gate,
                      const config::GatewaySettings& settings, const rpc::GatewayMetrics& metrics) {
  auto scrape = [&gate, &settings, &metrics](const rpc::HttpRequest& request) {
    if (!settings.metrics.enabled) return notFound();
    HttpOutcome<HttpCaller> admitted = gate.admit(request);
    if (auto* refused = std::get_if<rpc::HttpResponse>(&admitted)) return std::move(*refused);
    const HttpCaller& caller = std::get<HttpCaller>(admitted);
    if (!protocol::scopeSatisfied(caller.scopes, protocol::scopes::kRead)) {
      return missingScope(protocol::scopes::kRead);
    }
    rpc::HttpResponse response;
    response.contentType = core::kPrometheusTextContentType;
    response.headers.emplace_back("Cache-Control", "no-store");
    if (settings.metrics.diagnostics) response.body = metrics.render();
    return response;
  };
  for (const char* path : {kPrometheusPath, kMetricsPath}) router.add("GET", path, scrape);
}

}  // namespace openclaw::httpapi
