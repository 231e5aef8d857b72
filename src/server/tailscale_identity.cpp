#include "server/tailscale_identity.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>

#include "core/logging.h"
#include "core/network.h"
#include "core/text.h"
#include "rpc/storage_await.h"

namespace openclaw::server {
namespace {

constexpr auto kWhoisTimeout = std::chrono::seconds(5);
constexpr auto kIdentityTtl = std::chrono::seconds(60);
constexpr auto kFailureTtl = std::chrono::seconds(5);
constexpr std::size_t kMaxCached = 512;
constexpr std::size_t kMaxLookups = 8;
constexpr auto kWarningInterval = std::chrono::seconds(10);

// Headers only Tailscale's proxy sets; any of them claims Tailscale provenance.
constexpr const char* kTailscaleHeaders[] = {"tailscale-user-login", "tailscale-user-name",
                                             "tailscale-user-profile-pic",
                                             "tailscale-funnel-request", "tailscale-headers-info"};

bool isIpAddress(const std::string& text) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(text, ec);
  return !ec;
}

// The client x-forwarded-for names once the loopback proxies (the Serve proxy itself) are
// skipped from the right, as upstream resolves it; nullopt when that entry is not an address.
std::optional<std::string> forwardedClient(const std::string& forwardedFor) {
  const std::vector<std::string> hops = core::splitOn(forwardedFor, ',');
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    const std::string address = core::trimmed(*hop);
    if (!isIpAddress(address)) return std::nullopt;
    if (!core::isLoopbackAddress(address)) return address;
  }
  return std::nullopt;
}

bool hasSecret(const nlohmann::json& authParams) {
  if (!authParams.is_object()) return false;
  for (const char* key : {"token", "password"}) {
    auto found = authParams.find(key);
    if (found != authParams.end() && found->is_string() && !found->get<std::string>().empty()) {
      return true;
    }
  }
  return false;
}

}  // namespace

ClaimCheck checkTailscaleClaim(const std::string& peerAddress, const HeaderLookup& header) {
  bool claimed = false;
  for (const char* name : kTailscaleHeaders) claimed = claimed || header(name).has_value();
  if (!claimed) return {};
  const std::string login = core::trimmed(header("tailscale-user-login").value_or(""));
  if (!core::isLoopbackAddress(peerAddress)) {
    return {std::nullopt, "Tailscale identity headers from non-loopback peer " + peerAddress +
                              " (only the local Tailscale Serve proxy may send them)"};
  }
  const auto forwardedFor = header("x-forwarded-for");
  if (!forwardedFor || !header("x-forwarded-proto") || !header("x-forwarded-host")) {
    return {std::nullopt,
            "Tailscale identity headers without x-forwarded-for, x-forwarded-proto and "
            "x-forwarded-host (not from Tailscale Serve)"};
  }
  if (header("tailscale-funnel-request")) {
    return {std::nullopt, "Tailscale Funnel request: Funnel traffic carries no identity"};
  }
  const auto client = forwardedClient(*forwardedFor);
  if (!client) {
    return {std::nullopt,
            "Tailscale identity headers whose x-forwarded-for names no tailnet "
            "client address"};
  }
  if (login.empty()) return {std::nullopt, "Tailscale headers without tailscale-user-login"};
  return {TailscaleClaim{*client, login}, ""};
}

TailscaleIdentity::TailscaleIdentity(boost::asio::io_context& io,
                                     boost::asio::thread_pool& blocking,
                                     const config::GatewaySettings& settings, Whois whois)
    : io_(io), blocking_(blocking), settings_(settings), whois_(std::move(whois)) {
  if (!whois_) {
    whois_ = [](const std::string& ip) -> std::optional<net::TailscaleWhois> {
      const net::TailscaleRun run = net::runTailscale({"whois", "--json", ip}, kWhoisTimeout);
      if (!run.ok) {
        core::logger("tailscale")->warn("whois {} failed: {}", ip, run.error);
        return std::nullopt;
      }
      auto identity = net::parseTailscaleWhois(run.output);
      if (!identity) core::logger("tailscale")->warn("whois {}: no login in its answer", ip);
      return identity;
    };
  }
}

std::optional<TailscaleClaim> TailscaleIdentity::claimFor(const std::string& peerAddress,
                                                          const HeaderLookup& header,
                                                          const nlohmann::json& authParams) {
  const ClaimCheck check = checkTailscaleClaim(peerAddress, header);
  if (!check.refusal.empty()) warn(check.refusal + "; the normal auth check applies");
  if (!check.claim) return std::nullopt;
  const config::TailscaleSettings& tailscale = settings_.tailscale;
  if (tailscale.mode != config::TailscaleMode::Serve || !tailscale.allowTailscale ||
      hasSecret(authParams)) {
    return std::nullopt;
  }
  return check.claim;
}

void TailscaleIdentity::verify(const TailscaleClaim& claim,
                               std::function<void(std::optional<std::string>)> done) {
  lookUp(claim.clientIp,
         [this, claim, done = std::move(done)](const std::optional<net::TailscaleWhois>& identity) {
           if (!identity) {
             done(std::nullopt);
             return;
           }
           if (core::asciiLowercase(identity->login) != core::asciiLowercase(claim.login)) {
             warn("tailscale-user-login " + claim.login + " from " + claim.clientIp +
                  " does not match `tailscale whois` (" + identity->login +
                  "); the normal auth check applies");
             done(std::nullopt);
             return;
           }
           done(identity->login);
         });
}

void TailscaleIdentity::lookUp(const std::string& ip, Waiter waiter) {
  const auto now = std::chrono::steady_clock::now();
  if (auto cached = cache_.find(ip); cached != cache_.end()) {
    if (cached->second.expiresAt > now) {
      waiter(cached->second.identity);
      return;
    }
    cache_.erase(cached);
  }
  if (auto pending = inFlight_.find(ip); pending != inFlight_.end()) {
    pending->second.push_back(std::move(waiter));
    return;
  }
  if (inFlight_.size() >= kMaxLookups) {
    warn("too many `tailscale whois` lookups under way; " + ip + " is not confirmed");
    waiter(std::nullopt);
    return;
  }
  inFlight_[ip].push_back(std::move(waiter));
  auto task = [this, ip]() -> boost::asio::awaitable<void> {
    const std::string address = ip;  // the frame's own copy
    auto lookup = [this, &address] { return whois_(address); };
    std::optional<net::TailscaleWhois> identity;
    try {
      identity = co_await rpc::onPool(blocking_, lookup);
    } catch (const std::exception& error) {
      core::logger("tailscale")->warn("whois {} failed: {}", address, error.what());
    }
    remember(address, identity);
    auto waiting = inFlight_.extract(address);
    if (waiting.empty()) co_return;
    for (const Waiter& each : waiting.mapped()) each(identity);
  };
  boost::asio::co_spawn(io_, task, boost::asio::detached);
}

void TailscaleIdentity::remember(const std::string& ip,
                                 const std::optional<net::TailscaleWhois>& identity) {
  const auto now = std::chrono::steady_clock::now();
  if (cache_.size() >= kMaxCached) {
    std::erase_if(cache_, [now](const auto& entry) { return entry.second.expiresAt <= now; });
  }
  if (cache_.size() >= kMaxCached) {
    auto oldest = std::min_element(cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
      return a.second.expiresAt < b.second.expiresAt;
    });
    cache_.erase(oldest);
  }
  cache_[ip] = Cached{identity, now + (identity ? kIdentityTtl : kFailureTtl)};
}

void TailscaleIdentity::warn(const std::string& message) {
  const auto now = std::chrono::steady_clock::now();
  if (now - lastWarning_ < kWarningInterval) {
    ++suppressedWarnings_;
    return;
  }
  lastWarning_ = now;
  const int suppressed = std::exchange(suppressedWarnings_, 0);
  core::logger("tailscale")
      ->warn("{}{}", message,
             suppressed > 0 ? " (" + std::to_string(suppressed) + " similar lines suppressed)"
                            : std::string());
}

}  // namespace openclaw::server
