#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string_view>

namespace openclaw::net {

// The special-purpose range `address` belongs to, as a short name for messages: "loopback",
// "private", "link-local", "carrier-grade NAT", "multicast", "unspecified", "documentation",
// "benchmarking" or "reserved". nullopt for a globally routable unicast address.
//
// IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped
// (::ffff:0:0/96), NAT64 well-known (64:ff9b::/96) and 6to4 (2002::/16). Unique local
// (fc00::/7) and local-use NAT64 (64:ff9b:1::/48) count as private; everything outside global
// unicast (2000::/3) and the IETF protocol assignments 2001::/23 (Teredo included) as reserved.
std::optional<std::string_view> specialPurposeRange(const boost::asio::ip::address& address);

}  // namespace openclaw::net
