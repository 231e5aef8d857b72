// Client attribution (who is really calling) and the IP ranges of gateway.trustedProxies.
#include "server/client_attribution.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/ip_range.h"
#include "server/peer_log_limiter.h"

namespace openclaw::server {
namespace {

namespace ip = boost::asio::ip;

bool inRange(const std::string& range, const std::string& address) {
  auto parsed = core::parseIpRange(range);
  EXPECT_TRUE(parsed) << range;
  return parsed && parsed->contains(ip::make_address(address));
}

config::ProxySettings trusting(std::initializer_list<const char*> entries) {
  config::ProxySettings settings;
  for (const char* entry : entries) settings.trustedProxies.push_back(*core::parseIpRange(entry));
  return settings;
}

TEST(IpRange, MatchesExactAddressesAndCidrRangesOfEitherFamily) {
  EXPECT_TRUE(inRange("10.0.0.1", "10.0.0.1"));
  EXPECT_FALSE(inRange("10.0.0.1", "10.0.0.2"));
  EXPECT_TRUE(inRange("10.0.0.0/8", "10.255.1.2"));
  EXPECT_FALSE(inRange("10.0.0.0/8", "11.0.0.1"));
  EXPECT_TRUE(inRange("10.1.2.3/8", "10.9.9.9"));  // host bits are ignored
  EXPECT_TRUE(inRange("0.0.0.0/0", "203.0.113.9"));
  EXPECT_TRUE(inRange("172.16.0.0/12", "172.31.255.255"));
  EXPECT_FALSE(inRange("172.16.0.0/12", "172.32.0.0"));
  EXPECT_TRUE(inRange("2001:db8::/32", "2001:db8:1::5"));
  EXPECT_FALSE(inRange("2001:db8::/32", "2001:db9::5"));
  EXPECT_TRUE(inRange("::1", "::1"));
  EXPECT_TRUE(inRange("fd00::/8", "fd12:3456::1"));
}

TEST(IpRange, Ipv4MappedFormsAreTheSameIpv4RangeAndNeverMatchNativeIpv6) {
  // Mapped range, plain peer and the reverse.
  EXPECT_TRUE(inRange("::ffff:10.0.0.0/104", "10.1.2.3"));
  EXPECT_TRUE(inRange("::ffff:10.0.0.0/104", "::ffff:10.1.2.3"));
  EXPECT_FALSE(inRange("::ffff:10.0.0.0/104", "11.0.0.1"));
  EXPECT_TRUE(inRange("10.0.0.0/8", "::ffff:10.1.2.3"));
  EXPECT_TRUE(inRange("::ffff:127.0.0.1", "127.0.0.1"));
  // ::ffff:0:0/96 is all of IPv4, loopback included.
  EXPECT_TRUE(inRange("::ffff:0:0/96", "127.0.0.1"));
  EXPECT_TRUE(inRange("::ffff:0:0/96", "198.51.100.1"));
  // Native IPv6 never matches an IPv4 range, nor IPv4 an IPv6 one.
  EXPECT_FALSE(inRange("::ffff:0:0/96", "2001:db8::1"));
  EXPECT_FALSE(inRange("0.0.0.0/0", "::1"));
  EXPECT_FALSE(inRange("::/0", "10.0.0.1"));
  EXPECT_TRUE(inRange("::/0", "2001:db8::1"));
}

TEST(IpRange, RejectsWhatIsNotAnAddressOrRange) {
  for (const char* bad :
       {"", "  ", "10.0.0", "10.0.0.256", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1",
        "10.0.0.0/8/8", "example.com", "10.0.0.1:80", "[::1]", "10.0.0.0/1a", "::1/0x10"}) {
    EXPECT_FALSE(core::parseIpRange(bad)) << bad;
  }
  EXPECT_TRUE(core::parseIpRange(" 10.0.0.0/8 "));
}

TEST(IpLiteral, AcceptsPortsAndBracketsOnlyWhereForwardingHeadersUseThem) {
  EXPECT_EQ(core::parseIpLiteral(" 203.0.113.9 ")->to_string(), "203.0.113.9");
  EXPECT_EQ(core::parseIpLiteral("::ffff:203.0.113.9")->to_string(), "203.0.113.9");
  EXPECT_FALSE(core::parseIpLiteral("203.0.113.9:4711"));
  EXPECT_EQ(core::parseIpLiteral("203.0.113.9:4711", true)->to_string(), "203.0.113.9");
  EXPECT_EQ(core::parseIpLiteral("[2001:db8::1]:443", true)->to_string(), "2001:db8::1");
  EXPECT_EQ(core::parseIpLiteral("[2001:db8::1]", true)->to_string(), "2001:db8::1");
  for (const char* bad : {"", "unknown", "[203.0.113.9]", "[::1]:x", "1.2.3.4:", "1.2.3.4:99999x",
                          "2001:db8:::1", "_hidden"}) {
    EXPECT_FALSE(core::parseIpLiteral(bad, true)) << bad;
  }
}

TEST(ClientAttribution, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  const auto settings = trusting({"10.0.0.0/8"});
  const HeaderMap headers = {{"x-forwarded-for", "203.0.113.9"}};

  const ClientAttribution viaProxy = attributeClient("10.0.0.5", headers, settings);
  EXPECT_EQ(viaProxy.ingress, Ingress::TrustedProxy);
  EXPECT_EQ(viaProxy.clientAddress, "203.0.113.9");
  EXPECT_EQ(viaProxy.peerAddress, "10.0.0.5");

  // The same header from anyone else is a forgery: ignored, the peer stays the client.
  const ClientAttribution spoofed = attributeClient("198.51.100.4", headers, settings);
  EXPECT_EQ(spoofed.ingress, Ingress::Direct);
  EXPECT_EQ(spoofed.clientAddress, "198.51.100.4");
  EXPECT_TRUE(spoofed.ignoredForwarding());

  // A loopback peer carrying forwarding headers is not a local client any more.
  const ClientAttribution loopbackForged = attributeClient("127.0.0.1", headers, settings);
  EXPECT_EQ(loopbackForged.ingress, Ingress::Direct);
  EXPECT_FALSE(loopbackForged.directLocal());
  EXPECT_EQ(loopbackForged.clientAddress, "127.0.0.1");

  const ClientAttribution local = attributeClient("::ffff:127.0.0.1", {}, settings);
  EXPECT_TRUE(local.directLocal());
  EXPECT_EQ(local.clientAddress, "127.0.0.1");
  EXPECT_FALSE(local.ignoredForwarding());

  const ClientAttribution remote = attributeClient("198.51.100.4", {}, settings);
  EXPECT_EQ(remote.ingress, Ingress::Direct);
  EXPECT_FALSE(remote.ignoredForwarding());
}

TEST(ClientAttribution, ChainsAreWalkedFromTheRightSkippingTrustedAndLoopbackHops) {
  const auto settings = trusting({"10.0.0.0/8", "2001:db8:ffff::/48"});
  const auto client = [&](const std::string& chain) {
    auto found = forwardedClient(chain, settings);
    return found ? found->to_string() : std::string("-");
  };
  // The left-most entries are whatever the client claimed; only the hop the first untrusted
  // proxy saw counts.
  EXPECT_EQ(client("1.1.1.1, 203.0.113.9, 10.0.0.7"), "203.0.113.9");
  EXPECT_EQ(client("203.0.113.9,10.1.1.1,127.0.0.1"), "203.0.113.9");
  EXPECT_EQ(client("[2001:db8::5]:443, 2001:db8:ffff::1"), "2001:db8::5");
  EXPECT_EQ(client("203.0.113.9:5123"), "203.0.113.9");
  EXPECT_EQ(client("::ffff:203.0.113.9"), "203.0.113.9");
  // Nothing usable: all trusted, empty, or a malformed hop where the client should be.
  EXPECT_EQ(client("10.0.0.1, 10.0.0.2"), "-");
  EXPECT_EQ(client(""), "-");
  EXPECT_EQ(client("203.0.113.9, unknown"), "-");
  EXPECT_EQ(client("203.0.113.9, , 10.0.0.1"), "-");
  EXPECT_EQ(client("203.0.113.9,"), "-");
  // A malformed entry left of the client is never read.
  EXPECT_EQ(client("garbage, 203.0.113.9"), "203.0.113.9");
}

TEST(ClientAttribution, ATrustedProxyThatNamesNoRemoteClientIsUnattributable) {
  const auto settings = trusting({"10.0.0.0/8"});
  const auto ingressFor = [&](const HeaderMap& headers) {
    return attributeClient("10.0.0.5", headers, settings).ingress;
  };
  EXPECT_EQ(ingressFor({}), Ingress::Unattributable);
  EXPECT_EQ(ingressFor({{"x-forwarded-for", "127.0.0.1"}}), Ingress::Unattributable);
  EXPECT_EQ(ingressFor({{"x-forwarded-for", "10.0.0.9"}}), Ingress::Unattributable);
  EXPECT_EQ(ingressFor({{"x-forwarded-for", "not-an-ip"}}), Ingress::Unattributable);
  EXPECT_EQ(ingressFor({{"x-forwarded-user", "alice"}}), Ingress::Unattributable);
  const ClientAttribution unattributed = attributeClient("10.0.0.5", {}, settings);
  EXPECT_EQ(unattributed.clientAddress, "10.0.0.5");
}

TEST(ClientAttribution, RealIpIsAFallbackOnlyWhenAllowedAndNoForwardedForIsSent) {
  auto settings = trusting({"10.0.0.0/8"});
  const HeaderMap realIpOnly = {{"x-real-ip", "203.0.113.9"}};
  EXPECT_EQ(attributeClient("10.0.0.5", realIpOnly, settings).ingress, Ingress::Unattributable);
  settings.allowRealIpFallback = true;
  const ClientAttribution fallback = attributeClient("10.0.0.5", realIpOnly, settings);
  EXPECT_EQ(fallback.ingress, Ingress::TrustedProxy);
  EXPECT_EQ(fallback.clientAddress, "203.0.113.9");
  // With X-Forwarded-For present, X-Real-IP is not consulted, even when the chain is unusable.
  const HeaderMap both = {{"x-forwarded-for", "10.0.0.9"}, {"x-real-ip", "203.0.113.9"}};
  EXPECT_EQ(attributeClient("10.0.0.5", both, settings).ingress, Ingress::Unattributable);
  // Never from an untrusted peer.
  EXPECT_EQ(attributeClient("198.51.100.4", realIpOnly, settings).clientAddress, "198.51.100.4");
}

TEST(ClientAttribution, AHugeForgedChainCostsNoMoreThanAShortOne) {
  const auto settings = trusting({"10.0.0.0/8"});
  std::string chain;
  for (int i = 0; i < 10'000; ++i) chain += "10.0.0." + std::to_string(i % 250) + ", ";
  chain += "10.0.0.1";
  const auto started = std::chrono::steady_clock::now();
  for (int round = 0; round < 100; ++round) {
    EXPECT_FALSE(forwardedClient(chain, settings));
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  // 100 walks of a 10,000-entry header read 32 hops each: far below a second even under ASan.
  EXPECT_LT(elapsed, std::chrono::seconds(1));
  // The real client beyond the bound is not reached.
  EXPECT_EQ(
      attributeClient("10.0.0.5", {{"x-forwarded-for", "203.0.113.9, " + chain}}, settings).ingress,
      Ingress::Unattributable);
  // One hop inside the bound is.
  std::string shortChain = "203.0.113.9";
  for (std::size_t i = 1; i < kMaxForwardedHops; ++i) shortChain += ", 10.0.0.1";
  EXPECT_EQ(attributeClient("10.0.0.5", {{"x-forwarded-for", shortChain}}, settings).clientAddress,
            "203.0.113.9");
}

TEST(ClientAttribution, TenThousandHeadersAreCheapToClassify) {
  HeaderMap headers;
  for (int i = 0; i < 10'000; ++i) headers["x-custom-" + std::to_string(i)] = "v";
  const auto settings = trusting({"10.0.0.0/8"});
  EXPECT_TRUE(attributeClient("127.0.0.1", headers, settings).directLocal());
  headers["x-forwarded-proto"] = "https";
  EXPECT_FALSE(attributeClient("127.0.0.1", headers, settings).directLocal());
}

TEST(PeerLogLimiter, OneLinePerPeerPerIntervalAndBoundedMemory) {
  PeerLogLimiter limiter(1000, 2);
  EXPECT_TRUE(limiter.shouldLog("a", 0));
  EXPECT_FALSE(limiter.shouldLog("a", 999));
  EXPECT_TRUE(limiter.shouldLog("a", 1000));
  EXPECT_TRUE(limiter.shouldLog("b", 1000));
  // Full of recent peers: a third is not logged (and not remembered) until they age out.
  EXPECT_FALSE(limiter.shouldLog("c", 1500));
  EXPECT_TRUE(limiter.shouldLog("c", 2000));
}

}  // namespace
}  // namespace openclaw::server
