#include "canvas/canvas_surface.h"

#include "canvas/canvas_paths.h"

namespace openclaw::canvas {
namespace {

constexpr std::string_view kSurface = "canvas";

bool isNode(const rpc::Connection& connection) {
  return connection.authenticated() && connection.session().role == "node";
}

// The hosted path a canvas command names, when it names one.
bool hostedPath(const nlohmann::json& value) {
  return value.is_string() &&
         value.get_ref<const std::string&>().starts_with(std::string(kCanvasPrefix) + "/");
}

}  // namespace

CanvasSurface::CanvasSurface(CanvasHost& host, server::ControlPlane& plane,
                             nodes::NodeRegistry& nodes, rpc::MethodRegistry& registry)
    : host_(host), nodes_(nodes) {
  plane.addSessionListener(*this);
  plane.addHelloExtension([this](const rpc::Connection& connection, nlohmann::json& hello) {
    if (!isNode(connection)) return;
    const CanvasHost::Minted minted =
        host_.mintUrl(connection.upgradeHeader("host"), std::string(kCanvasPrefix) + "/",
                      nodes::nodeIdOf(connection.session()));
    hello["pluginSurfaceUrls"] = {{std::string(kSurface), minted.url}};
  });
  nodes.setInvokeRewriter([this](const nodes::NodeSession& node, nodes::InvokeRequest& request) {
    rewriteInvoke(node, request);
  });
  registry.add(
      {.name = "node.pluginSurface.refresh",
       .scope = "node",
       .paramsSchema = "NodePluginSurfaceRefreshParams",
       .handler = [this](const rpc::MethodCall& call, const rpc::Responder& respond) {
         const std::string surface = call.params.at("surface");
         if (surface != kSurface) {
           return respond.fail(protocol::GatewayError::invalidRequest(
               "unknown plugin surface \"" + surface + "\"; this gateway has \"canvas\""));
         }
         const CanvasHost::Minted minted =
             host_.mintUrl(call.connection->upgradeHeader("host"), std::string(kCanvasPrefix) + "/",
                           nodes::nodeIdOf(call.connection->session()));
         respond.ok(
             {{"surface", surface}, {"url", minted.url}, {"expiresAtMs", minted.expiresAtMs}});
       }});
}

CanvasSurface::~CanvasSurface() { nodes_.setInvokeRewriter(nullptr); }

void CanvasSurface::onSessionStarted(const std::shared_ptr<rpc::Connection>& connection) {
  if (isNode(*connection)) hostByConn_[connection->connId()] = connection->upgradeHeader("host");
}

void CanvasSurface::onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) {
  hostByConn_.erase(connection->connId());
}

void CanvasSurface::rewriteInvoke(const nodes::NodeSession& node, nodes::InvokeRequest& request) {
  if (request.command != "canvas.present" && request.command != "canvas.navigate") return;
  if (!request.params || !request.params->is_object()) return;
  const auto host = hostByConn_.find(node.connId);
  for (const char* key : {"url", "target"}) {
    auto value = request.params->find(key);
    if (value == request.params->end() || !hostedPath(*value)) continue;
    *value = host_
                 .mintUrl(host == hostByConn_.end() ? "" : host->second, value->get<std::string>(),
                          node.nodeId)
                 .url;
  }
}

}  // namespace openclaw::canvas
