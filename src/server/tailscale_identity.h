#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/gateway_settings.h"
#include "net/tailscale_cli.h"

namespace openclaw::server {

// A WebSocket upgrade request's header by lower-case name; nullopt when absent.
using HeaderLookup = std::function<std::optional<std::string>(const std::string& lowerName)>;

// A connect that claims a Tailscale Serve identity: the login Tailscale's proxy put in
// tailscale-user-login and the tailnet address it forwarded for.
struct TailscaleClaim {
  std::string clientIp;  // the rightmost non-loopback x-forwarded-for entry
  std::string login;     // tailscale-user-login, trimmed
};

// What the upgrade's headers say: `claim` when they are the set Tailscale Serve adds on a
// connection from the local Serve proxy; otherwise `refusal` says why headers that claim a
// Tailscale identity are not believed ("" when the upgrade claims none).
struct ClaimCheck {
  std::optional<TailscaleClaim> claim;
  std::string refusal;
};

// Upstream's rules: the TCP peer is loopback; x-forwarded-for, x-forwarded-proto and
// x-forwarded-host are all present; x-forwarded-for names a non-loopback client; no
// tailscale-funnel-request (Funnel traffic carries no identity); tailscale-user-login is set.
ClaimCheck checkTailscaleClaim(const std::string& peerAddress, const HeaderLookup& header);

// gateway.auth.allowTailscale: confirms claimed Tailscale identities with
// `tailscale whois --json <client ip>` (on the worker pool, 5 s limit) before a connect may skip
// the token/password. Answers are cached per address (60 s, failures 5 s; at most 512
// addresses) and concurrent lookups of one address share one run; at most 8 addresses are
// looked up at once, beyond that a claim is not confirmed. Event-loop thread only.
class TailscaleIdentity {
 public:
  // Blocking lookup of one address (runTailscale by default; tests substitute).
  using Whois = std::function<std::optional<net::TailscaleWhois>(const std::string& ip)>;

  TailscaleIdentity(boost::asio::io_context& io, boost::asio::thread_pool& blocking,
                    const config::GatewaySettings& settings, Whois whois = {});

  // The claim to verify for a connect: nullopt unless gateway.tailscale.mode is serve,
  // allowTailscale is on, the connect sends no token/password (`authParams` is
  // connect.params.auth) and the headers pass checkTailscaleClaim. Header sets that claim an
  // identity but fail the check are logged (at most one line per 10 s).
  std::optional<TailscaleClaim> claimFor(const std::string& peerAddress, const HeaderLookup& header,
                                         const nlohmann::json& authParams);

  // Calls `done` on the event loop, possibly at once: the whois login when it equals the
  // claimed one (ASCII case-insensitive), else nullopt (mismatch and whois failures logged).
  void verify(const TailscaleClaim& claim, std::function<void(std::optional<std::string>)> done);

 private:
  struct Cached {
    std::optional<net::TailscaleWhois> identity;
    std::chrono::steady_clock::time_point expiresAt;
  };
  using Waiter = std::function<void(const std::optional<net::TailscaleWhois>&)>;

  void lookUp(const std::string& ip, Waiter waiter);
  void remember(const std::string& ip, const std::optional<net::TailscaleWhois>& identity);
  void warn(const std::string& message);

  boost::asio::io_context& io_;
  boost::asio::thread_pool& blocking_;
  const config::GatewaySettings& settings_;
  Whois whois_;
  std::unordered_map<std::string, Cached> cache_;
  std::unordered_map<std::string, std::vector<Waiter>> inFlight_;
  std::chrono::steady_clock::time_point lastWarning_{};
  int suppressedWarnings_ = 0;
};

}  // namespace openclaw::server
