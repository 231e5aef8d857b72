#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/auth_rate_limiter.h"
#include "config/gateway_settings.h"
#include "core/bounded_json.h"
#include "methods/health_report.h"
#include "methods/system_services.h"
#include "presence/presence_registry.h"
#include "rpc/connection.h"
#include "rpc/event_sink.h"
#include "rpc/gateway_metrics.h"
#include "rpc/idempotency_cache.h"
#include "rpc/method_registry.h"
#include "rpc/session_listener.h"
#include "server/client_attribution.h"
#include "server/transport.h"

namespace openclaw::pairing {
class PairingRegistry;
}

namespace openclaw::server {

class TailscaleIdentity;
struct TailscaleClaim;

// Facts about this gateway process that snapshots report.
struct GatewayInfo {
  std::string version;
  std::string host;
  std::string platform;  // "linux <kernel release>"
  std::optional<std::string> ip;
  std::int64_t startedAtMs = 0;
  std::int64_t startedAtMonotonicMs = 0;
  std::string instanceId;
};

// The WebSocket control plane: the connect handshake, request dispatch through the method
// registry, presence, and event fan-out. Runs entirely on the event-loop thread.
class ControlPlane final : public ConnectionObserver,
                           public methods::SystemServices,
                           public rpc::EventSink {
 public:
  // `health` (which must outlive the plane) is what hello-ok and `health` events report;
  // `metrics` (likewise) counts connections, handshakes and requests.
  ControlPlane(boost::asio::io_context& io, const config::GatewaySettings& settings,
               GatewayInfo info, methods::HealthReport& health, rpc::GatewayMetrics& metrics);

  const GatewayInfo& info() const { return info_; }

  rpc::MethodRegistry& registry() { return registry_; }

  // Starts the tick timer. Call once the transport listens on `port`.
  void start(int port);

  // Tells every client the gateway is going away (`shutdown` event), then closes every
  // connection with a close frame: 1012 when a restart is expected, 1001 otherwise. Later
  // connects are refused with UNAVAILABLE.
  void shutdown(const std::string& reason, std::optional<std::int64_t> restartExpectedMs);

  std::size_t connectionCount() const { return connections_.size(); }
  // The port the transport listens on (0 before start()).
  int port() const { return port_; }
  // Failed-auth throttling per address; the HTTP APIs count their failures here too.
  auth::AuthRateLimiter& authRateLimiter() { return rateLimiter_; }
  bool shuttingDown() const { return shuttingDown_; }

  // Re-reads the live-changeable settings (tick interval, rate limits) after a hot reload.
  void settingsChanged();

  // `listener` hears of every accepted and every closed session; it must outlive the plane.
  void addSessionListener(rpc::SessionListener& listener) { listeners_.push_back(&listener); }

  // `extend` may add fields to every hello-ok before it is sent (the canvas host's
  // pluginSurfaceUrls for nodes); it must outlive the plane.
  using HelloExtension = std::function<void(const rpc::Connection& connection, nlohmann::json&)>;
  void addHelloExtension(HelloExtension extend) { helloExtensions_.push_back(std::move(extend)); }

  // Connects that carry a device identity are verified and admitted through `pairing` (which
  // must outlive the plane); without it they are refused.
  void setPairing(pairing::PairingRegistry& pairing) { pairing_ = &pairing; }
  // gateway.auth.allowTailscale: confirms Tailscale Serve identities before the shared-secret
  // check (server/tailscale_identity.h).
  void setTailscaleIdentity(TailscaleIdentity& identity) { tailscale_ = &identity; }

  // Something `health` reports changed (a channel linked or lost its link): operators with
  // operator.read get a `health` event with the new snapshot, and stateVersion.health moves on.
  void healthChanged();

  // Called once, after shutdown(), when the last connection has closed.
  void setOnDrained(std::function<void()> onDrained) { onDrained_ = std::move(onDrained); }

  // ConnectionObserver
  void onOpen(const std::shared_ptr<rpc::Connection>& connection) override;
  void onMessage(const std::shared_ptr<rpc::Connection>& connection, std::string text) override;
  void onClosed(const std::shared_ptr<rpc::Connection>& connection) override;

  // methods::SystemServices
  nlohmann::json statusSummary(const rpc::Connection& caller) override;
  nlohmann::json presenceList() override;
  void reportPresence(const presence::PresenceEntry& entry) override;

  // rpc::EventSink
  void broadcastToOperators(const std::string& event, const nlohmann::json& payload,
                            const std::string& scope) override;
  bool sendTo(const std::string& connId, const std::string& event,
              const nlohmann::json& payload) override;

 private:
  struct Peer {
    std::shared_ptr<rpc::Connection> connection;
    std::unique_ptr<boost::asio::steady_timer> handshakeDeadline;
    std::string challengeNonce;
    std::chrono::steady_clock::time_point openedAt = std::chrono::steady_clock::now();
    bool admitting = false;  // a device connect waits for pairing to answer
    // Who is really calling (set when the connect request arrives) and, after trusted-proxy
    // auth, the user the proxy vouched for.
    ClientAttribution client;
    std::optional<std::string> proxyUser;
    // Set once the Tailscale identity check ran: the login `tailscale whois` confirmed, or ""
    // when it did not (the connect then goes through the normal auth check).
    std::optional<std::string> tailscaleLogin;
  };

  // As upstream, a connection a trusted proxy vouched for is closed (1008) when the running
  // proxy policy no longer admits it (after a config reload).
  void closeRevokedProxySessions();
  void handleConnect(Peer& peer, core::BoundedJson frame);
  // Holds the connect until `tailscale whois` answered for `claim`, then handles it again with
  // peer.tailscaleLogin set.
  void verifyTailscale(Peer& peer, const TailscaleClaim& claim, core::BoundedJson connectFrame);
  // Finishes a device-bearing connect once pairing has answered.
  void admitDevice(Peer& peer, const std::string& requestId, const nlohmann::json& params,
                   int protocol, protocol::Result<void> shared);
  // Sends hello-ok (its `auth` extended by `helloAuth`), attaches presence, tells listeners.
  void accept(Peer& peer, const std::string& requestId, rpc::ClientSession session,
              const nlohmann::json& helloAuth);
  void dispatch(const std::shared_ptr<rpc::Connection>& connection, core::BoundedJson frame);
  // Answers a failed handshake and closes with `closeCode`.
  void reject(rpc::Connection& connection, const std::string& requestId,
              const protocol::GatewayError& error, std::uint16_t closeCode);
  nlohmann::json helloOk(const rpc::Connection& connection, const nlohmann::json& helloAuth);
  nlohmann::json snapshot();
  // Sends to every authenticated connection `accept` admits (all when empty). Returns the bytes
  // queued, summed over the recipients.
  std::size_t broadcast(const std::string& event, const nlohmann::json& payload,
                        bool withStateVersion,
                        const std::function<bool(const rpc::Connection&)>& accept = {});
  void broadcastPresence();
  void scheduleTick();
  void notifyIfDrained();
  void log(const rpc::Connection& connection, const std::string& what) const;
  // The retries waiting for the final answer of the two-phase call in `slot`.
  std::vector<rpc::Responder> takeAwaitingFinal(const std::string& slot);

  boost::asio::io_context& io_;
  const config::GatewaySettings& settings_;
  GatewayInfo info_;
  methods::HealthReport& health_;
  rpc::GatewayMetrics& metrics_;
  rpc::MethodRegistry registry_;
  presence::PresenceRegistry presence_;
  auth::AuthRateLimiter rateLimiter_;
  rpc::IdempotencyCache idempotency_;
  // Retries of a two-phase call (answered "accepted" from the cache) by idempotency slot.
  std::unordered_map<std::string, std::vector<rpc::Responder>> awaitingFinal_;
  std::unordered_map<const rpc::Connection*, Peer> connections_;
  boost::asio::steady_timer tickTimer_;
  boost::asio::steady_timer presenceTimer_;
  bool presencePending_ = false;  // a coalesced presence broadcast is scheduled
  // The earliest time for the next presence broadcast (paced by the size of the last one).
  boost::asio::steady_timer::time_point nextPresenceAt_{};
  int port_ = 0;  // the port actually bound (settings may say 0)
  bool shuttingDown_ = false;
  std::function<void()> onDrained_;
  std::vector<rpc::SessionListener*> listeners_;
  std::vector<HelloExtension> helloExtensions_;
  pairing::PairingRegistry* pairing_ = nullptr;
  TailscaleIdentity* tailscale_ = nullptr;
};

}  // namespace openclaw::server
