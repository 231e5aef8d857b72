#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/proxy_settings.h"

namespace openclaw::server {

// How a request reached the gateway, as upstream classifies ingress.
enum class Ingress {
  DirectLocal,     // a loopback peer with no forwarding headers: a process on this host
  Direct,          // any other peer that is not a trusted proxy; forwarding headers ignored
  TrustedProxy,    // a peer in gateway.trustedProxies that named a non-loopback client
  Unattributable,  // a trusted proxy whose forwarding headers name no usable client
};

// Who is really on the other end of a connection or HTTP request.
struct ClientAttribution {
  Ingress ingress = Ingress::Direct;
  std::string peerAddress;    // the TCP peer (IPv4-mapped shown as IPv4)
  std::string clientAddress;  // the forwarded client via a trusted proxy, else the peer
  // The request carried Forwarded, X-Forwarded-* or X-Real-IP (whoever sent it).
  bool forwardingHeaders = false;

  bool directLocal() const { return ingress == Ingress::DirectLocal; }
  bool viaTrustedProxy() const { return ingress == Ingress::TrustedProxy; }
  // Forwarding headers from a peer that is not a trusted proxy: they were not believed.
  bool ignoredForwarding() const { return forwardingHeaders && ingress == Ingress::Direct; }
};

// Request headers with lower-case names (rpc::HttpRequest::headers, the upgrade's headers).
using HeaderMap = std::map<std::string, std::string>;

// At most this many X-Forwarded-For hops are read (from the right): a forged header of
// thousands of entries costs no more than a short one.
constexpr std::size_t kMaxForwardedHops = 32;

// Attributes a request from TCP peer `peer` carrying `headers`. Only a peer in
// gateway.trustedProxies has its X-Forwarded-For believed (or, with allowRealIpFallback and no
// X-Forwarded-For, its X-Real-IP); a loopback client named that way counts as unattributable,
// as upstream (a proxy must name the real, remote client).
ClientAttribution attributeClient(const std::string& peer, const HeaderMap& headers,
                                  const config::ProxySettings& settings);

// The client an X-Forwarded-For value names: walking from the right, hops that are trusted
// proxies or loopback are skipped and the first other hop is the client. nullopt when the
// value is empty, a hop read is not an IP address, or no client shows within
// kMaxForwardedHops hops.
std::optional<boost::asio::ip::address> forwardedClient(std::string_view forwardedFor,
                                                        const config::ProxySettings& settings);

// Logs (warn) that forwarding headers from an untrusted peer were ignored: at most once per
// peer address per ten minutes, so a peer flooding forged headers cannot flood the log.
// `surface` says where ("WebSocket upgrade", "HTTP POST /v1/chat/completions"). Event-loop
// thread only.
void noteIgnoredForwarding(const ClientAttribution& attribution, const std::string& surface);

}  // namespace openclaw::server
