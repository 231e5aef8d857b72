#include "server/client_attribution.h"

#include "core/clock.h"
#include "core/logging.h"
#include "core/text.h"
#include "server/peer_log_limiter.h"

namespace openclaw::server {
namespace {

namespace ip = boost::asio::ip;

// Forwarded, X-Real-IP or any X-Forwarded-* header, in O(log n) of the header count.
bool hasForwardingHeaders(const HeaderMap& headers) {
  if (headers.contains("forwarded") || headers.contains("x-real-ip")) return true;
  constexpr std::string_view kPrefix = "x-forwarded-";
  auto next = headers.lower_bound(std::string(kPrefix));
  return next != headers.end() && next->first.starts_with(kPrefix);
}

const std::string* headerOf(const HeaderMap& headers, const std::string& name) {
  auto found = headers.find(name);
  if (found == headers.end() || core::trimmed(found->second).empty()) return nullptr;
  return &found->second;
}

}  // namespace

std::optional<ip::address> forwardedClient(std::string_view forwardedFor,
                                           const config::ProxySettings& settings) {
  std::size_t end = forwardedFor.size();
  for (std::size_t hop = 0; hop < kMaxForwardedHops; ++hop) {
    const std::size_t comma = end == 0 ? std::string_view::npos : forwardedFor.rfind(',', end - 1);
    const std::size_t start = comma == std::string_view::npos ? 0 : comma + 1;
    const auto address = core::parseIpLiteral(forwardedFor.substr(start, end - start), true);
    if (!address) return std::nullopt;
    if (!core::isLoopbackIp(*address) && !settings.isTrustedProxy(*address)) return address;
    if (comma == std::string_view::npos) return std::nullopt;
    end = comma;
  }
  return std::nullopt;
}

ClientAttribution attributeClient(const std::string& peer, const HeaderMap& headers,
                                  const config::ProxySettings& settings) {
  ClientAttribution attribution;
  const auto peerAddress = core::parseIpLiteral(peer);
  attribution.peerAddress = peerAddress ? peerAddress->to_string() : peer;
  attribution.clientAddress = attribution.peerAddress;
  attribution.forwardingHeaders = hasForwardingHeaders(headers);
  if (peerAddress && core::isLoopbackIp(*peerAddress) && !attribution.forwardingHeaders) {
    attribution.ingress = Ingress::DirectLocal;
    return attribution;
  }
  if (!peerAddress || !settings.isTrustedProxy(*peerAddress)) {
    attribution.ingress = Ingress::Direct;
    return attribution;
  }
  std::optional<ip::address> client;
  if (const std::string* forwardedFor = headerOf(headers, "x-forwarded-for")) {
    client = forwardedClient(*forwardedFor, settings);
  } else if (const std::string* realIp = headerOf(headers, "x-real-ip");
             realIp && settings.allowRealIpFallback) {
    client = core::parseIpLiteral(*realIp, true);
  }
  if (!client || core::isLoopbackIp(*client)) {
    attribution.ingress = Ingress::Unattributable;
    return attribution;
  }
  attribution.ingress = Ingress::TrustedProxy;
  attribution.clientAddress = client->to_string();
  return attribution;
}

void noteIgnoredForwarding(const ClientAttribution& attribution, const std::string& surface) {
  static PeerLogLimiter limiter(10 * 60 * 1000, 4096);
  if (!attribution.ignoredForwarding() ||
      !limiter.shouldLog(attribution.peerAddress, core::monotonicMs())) {
    return;
  }
  core::logger("gateway")->warn(
      "ignored forwarding headers (X-Forwarded-*, X-Real-IP, Forwarded) on a {} from {}: the "
      "peer is not in gateway.trustedProxies, so its own address is used (logged once per peer "
      "per 10 minutes)",
      surface, attribution.peerAddress);
}

}  // namespace openclaw::server
