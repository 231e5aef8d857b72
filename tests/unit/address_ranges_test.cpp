// The address classifier web_fetch uses to keep away from internal networks.
#include "net/address_ranges.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace openclaw::net {
namespace {

// The range name specialPurposeRange gives, "public" for none.
std::string rangeOf(const std::string& text) {
  return std::string(specialPurposeRange(boost::asio::ip::make_address(text)).value_or("public"));
}

TEST(AddressRanges, ClassifiesEverySpecialPurposeRange) {
  const std::vector<std::pair<std::string, std::string>> table = {
      // IPv4
      {"0.0.0.0", "unspecified"},
      {"0.1.2.3", "unspecified"},
      {"10.0.0.1", "private"},
      {"10.255.255.255", "private"},
      {"100.63.255.255", "public"},
      {"100.64.0.1", "carrier-grade NAT"},
      {"100.127.255.255", "carrier-grade NAT"},
      {"100.128.0.0", "public"},
      {"127.0.0.1", "loopback"},
      {"127.255.0.9", "loopback"},
      {"169.254.169.254", "link-local"},
      {"172.15.255.255", "public"},
      {"172.16.0.1", "private"},
      {"172.31.255.255", "private"},
      {"172.32.0.0", "public"},
      {"192.0.0.8", "reserved"},
      {"192.0.2.1", "documentation"},
      {"192.88.99.1", "reserved"},
      {"192.168.1.1", "private"},
      {"198.18.0.1", "benchmarking"},
      {"198.19.255.255", "benchmarking"},
      {"198.20.0.0", "public"},
      {"198.51.100.7", "documentation"},
      {"203.0.113.9", "documentation"},
      {"224.0.0.1", "multicast"},
      {"239.255.255.250", "multicast"},
      {"240.0.0.1", "reserved"},
      {"255.255.255.255", "reserved"},
      {"1.1.1.1", "public"},
      {"8.8.8.8", "public"},
      {"93.184.216.34", "public"},
      {"223.255.255.255", "public"},
      // IPv6
      {"::", "unspecified"},
      {"::1", "loopback"},
      {"::ffff:127.0.0.1", "loopback"},
      {"::ffff:10.1.2.3", "private"},
      {"::ffff:169.254.169.254", "link-local"},
      {"::ffff:0.0.0.0", "unspecified"},
      {"::ffff:8.8.8.8", "public"},
      {"::127.0.0.1", "reserved"},  // IPv4-compatible (deprecated)
      {"64:ff9b::7f00:1", "loopback"},
      {"64:ff9b::a9fe:a9fe", "link-local"},
      {"64:ff9b::808:808", "public"},
      {"64:ff9b:1::1", "private"},
      {"100::1", "reserved"},
      {"2001::1", "reserved"},  // Teredo
      {"2001:1ff::1", "reserved"},
      {"2001:db8::1", "documentation"},
      {"2002:7f00:1::", "loopback"},  // 6to4 around 127.0.0.1
      {"2002:c0a8:101::1", "private"},
      {"2002:808:808::1", "public"},
      {"fc00::1", "private"},
      {"fd12:3456::1", "private"},
      {"fe80::1", "link-local"},
      {"febf::1", "link-local"},
      {"fec0::1", "reserved"},  // site-local (deprecated)
      {"ff02::1", "multicast"},
      {"ff0e::1", "multicast"},
      {"4000::1", "reserved"},
      {"2001:4860:4860::8888", "public"},
      {"2606:4700:4700::1111", "public"},
  };
  for (const auto& [address, range] : table) {
    EXPECT_EQ(rangeOf(address), range) << address;
  }
}

}  // namespace
}  // namespace openclaw::net
