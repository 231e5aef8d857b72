#include "canvas/live_reload.h"

#include "core/logging.h"
#include "core/text.h"

namespace openclaw::canvas {

void LiveReloadHub::onOpen(const std::shared_ptr<rpc::Connection>& connection) {
  if (sockets_.size() >= kMaxSockets) {
    core::logger("canvas")->warn("live reload: {} sockets open; refusing one from {}", kMaxSockets,
                                 connection->remoteAddress());
    connection->close(1013, "too many live-reload sockets");
    return;
  }
  sockets_.insert(connection);
}

void LiveReloadHub::onClosed(const std::shared_ptr<rpc::Connection>& connection) {
  sockets_.erase(connection);
}

void LiveReloadHub::reloadAll() {
  // A copy: a send that overflows a slow reader may report it closed right away.
  const auto recipients = sockets_;
  for (const auto& socket : recipients) socket->sendText("reload");
}

void LiveReloadHub::closeAll() {
  const auto open = sockets_;
  for (const auto& socket : open) socket->close(1001, "canvas host stopping");
}

std::string withLiveReload(std::string html, std::string_view socketPath) {
  // socketPath holds only URL path characters (fixed prefixes and a base64url token).
  const std::string script =
      "<script>(()=>{const scheme=location.protocol==='https:'?'wss://':'ws://';"
      "const socket=new WebSocket(scheme+location.host+'" +
      std::string(socketPath) +
      "');socket.onmessage=(event)=>{if(event.data==='reload')location.reload();};})();"
      "</script>";
  const std::string lower = core::asciiLowercase(html);
  const std::size_t body = lower.rfind("</body>");
  if (body == std::string::npos) return html + script;
  html.insert(body, script);
  return html;
}

}  // namespace openclaw::canvas
