// Internal to the transport's translation units (transport.cpp, transport_plain.cpp,
// transport_tls.cpp): what the accept loop hands a connection to. Asio only, no Beast.
#pragma once

#include "core/awaitable.h"
// (first: Boost 1.74 awaitable.hpp needs <utility>)
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>

#include "config/gateway_settings.h"
#include "core/metrics.h"
#include "rpc/http_router.h"
#include "server/transport.h"

namespace boost::asio::ssl {
class context;
}

namespace openclaw::server::detail {

// What every connection reads from its transport; owned by the transport, which outlives them.
struct TransportShared {
  boost::asio::io_context& io;
  ConnectionObserver& observer;
  const rpc::HttpRouter& router;
  config::GatewayLimits limits;
  const config::ControlUiSettings& originPolicy;
  core::Gauge* queuedBytes;  // null: not counted
  int boundPort = 0;
  UpgradeRouter upgradeRouter;  // unset: every upgrade is the control plane's
};

// Connections that have not finished their TLS handshake, with a bound: admitting one more past
// it aborts the oldest, so a flood of silent connections can neither grow memory without end
// nor lock out a real client, whose handshake takes milliseconds. Event-loop thread only.
class PendingHandshakes {
 public:
  explicit PendingHandshakes(std::size_t bound) : bound_(bound) {}

  // A pending handshake; `abort` closes its socket. Leaves the list when destroyed.
  class Entry {
   public:
    Entry(PendingHandshakes& owner, std::function<void()> abort);
    ~Entry();
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;

   private:
    friend class PendingHandshakes;
    PendingHandshakes& owner_;
    std::function<void()> abort_;
    std::list<Entry*>::iterator position_;
    bool listed_ = true;
  };

  std::size_t size() const { return entries_.size(); }

 private:
  std::size_t bound_;
  std::list<Entry*> entries_;
  std::size_t evictedSinceLog_ = 0;
  std::chrono::steady_clock::time_point lastLog_{};
};

// Serves one accepted connection in plain HTTP / WebSocket (transport_plain.cpp).
boost::asio::awaitable<void> servePlain(TransportShared& shared,
                                        boost::asio::ip::tcp::socket socket);

// Serves one accepted connection behind TLS with `context` (transport_tls.cpp): a client that
// does not open with a TLS handshake record gets a plain-text 400 (when it looks like HTTP) or is
// closed; the handshake must finish within limits.handshakeTimeoutMs.
boost::asio::awaitable<void> serveTls(TransportShared& shared, boost::asio::ip::tcp::socket socket,
                                      std::shared_ptr<boost::asio::ssl::context> context,
                                      PendingHandshakes& pending);

}  // namespace openclaw::server::detail
