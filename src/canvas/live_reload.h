#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "server/transport.h"

namespace openclaw::canvas {

// The live-reload WebSockets of pages the canvas host served: each gets the text message
// "reload" when a file under the root changed. Messages from pages are ignored. At most
// kMaxSockets are open; one more is closed at once (1013, try again later). Event-loop thread.
class LiveReloadHub final : public server::ConnectionObserver {
 public:
  static constexpr std::size_t kMaxSockets = 256;

  void onOpen(const std::shared_ptr<rpc::Connection>& connection) override;
  void onMessage(const std::shared_ptr<rpc::Connection>&, std::string) override {}
  void onClosed(const std::shared_ptr<rpc::Connection>& connection) override;

  // Sends "reload" to every open socket.
  void reloadAll();
  // Closes every socket (1001, going away): the canvas host is stopping.
  void closeAll();
  std::size_t size() const { return sockets_.size(); }

 private:
  std::set<std::shared_ptr<rpc::Connection>> sockets_;
};

// `html` with a small script that opens the WebSocket at `socketPath` (on the page's own
// origin) and reloads the page on "reload": inserted before the last </body>, appended when
// there is none.
std::string withLiveReload(std::string html, std::string_view socketPath);

}  // namespace openclaw::canvas
