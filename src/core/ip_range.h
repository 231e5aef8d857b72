#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace openclaw::core {

// An IP literal as it appears in forwarding headers and peer addresses: surrounding blanks,
// IPv6 brackets and (with `allowPort`) a trailing port ("203.0.113.7:5123", "[2001:db8::1]:443")
// are accepted. IPv4-mapped IPv6 (::ffff:a.b.c.d) comes back as the IPv4 address, so both
// spellings of one client are one address. nullopt for anything that is not one address.
std::optional<boost::asio::ip::address> parseIpLiteral(std::string_view text,
                                                       bool allowPort = false);

// True for 127.0.0.0/8 and ::1 (after the IPv4-mapped normalisation of parseIpLiteral).
bool isLoopbackIp(const boost::asio::ip::address& address);

// One entry of gateway.trustedProxies: an exact address ("10.0.0.1", "::1") or a CIDR range
// ("10.0.0.0/8", "2001:db8::/32"). As upstream, an IPv4 range may also be written in
// IPv4-mapped form ("::ffff:10.0.0.0/104" is 10.0.0.0/8: the 96 mapped bits count), and both
// forms match a peer seen as 10.1.2.3 or as ::ffff:10.1.2.3; a native IPv6 address never
// matches an IPv4 range nor the reverse. Host bits under the prefix are ignored.
struct IpRange {
  boost::asio::ip::address base;  // masked to the prefix; IPv4 for IPv4 and mapped ranges
  unsigned prefixLength = 0;      // 0..32 for IPv4, 0..128 for IPv6
  bool operator==(const IpRange&) const = default;

  bool contains(const boost::asio::ip::address& address) const;
};

// nullopt when `text` is neither an address nor a CIDR range (bad prefix length included).
std::optional<IpRange> parseIpRange(std::string_view text);

// The address as text, IPv4-mapped IPv6 shown as IPv4 ("::ffff:127.0.0.1" -> "127.0.0.1");
// `text` itself when it is not an address.
std::string normalizedIpText(const std::string& text);

}  // namespace openclaw::core
