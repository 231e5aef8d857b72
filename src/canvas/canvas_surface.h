#pragma once

#include <map>
#include <memory>
#include <string>

#include "canvas/canvas_host.h"
#include "nodes/node_registry.h"
#include "rpc/method_registry.h"
#include "server/control_plane.h"

namespace openclaw::canvas {

// The canvas as a plugin surface of nodes: every node's hello-ok carries
// pluginSurfaceUrls.canvas (a capability URL of the whole canvas root), node.pluginSurface.refresh
// {surface:"canvas"} answers {surface, url, expiresAtMs} with a fresh one, and node.invoke of
// canvas.present / canvas.navigate whose params.url (or params.target) is a hosted path under
// /__openclaw__/canvas/ reaches the node as a capability URL for that path's directory. URLs name
// the host the node itself used to reach the gateway (its Host header). Event-loop thread.
class CanvasSurface final : public rpc::SessionListener {
 public:
  // Registers with all three; `host`, `plane`, `nodes` and `registry` must outlive it.
  CanvasSurface(CanvasHost& host, server::ControlPlane& plane, nodes::NodeRegistry& nodes,
                rpc::MethodRegistry& registry);
  ~CanvasSurface() override;

  void onSessionStarted(const std::shared_ptr<rpc::Connection>& connection) override;
  void onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) override;

 private:
  void rewriteInvoke(const nodes::NodeSession& node, nodes::InvokeRequest& request);

  CanvasHost& host_;
  nodes::NodeRegistry& nodes_;
  std::map<std::string, std::string> hostByConn_;  // node connections' Host headers
};

}  // namespace openclaw::canvas
