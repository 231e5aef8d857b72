#include "net/address_ranges.h"

#include <array>
#include <cstdint>

namespace openclaw::net {
namespace {

using Bytes = boost::asio::ip::address_v6::bytes_type;

struct V4Range {
  std::uint32_t prefix;
  int bits;
  std::string_view name;
};

// RFC 6890 and its updates (RFC 6598 for carrier-grade NAT).
constexpr std::array<V4Range, 15> kV4Ranges = {{
    {0x00000000, 8, "unspecified"},  // "this network", 0.0.0.0 included
    {0x0A000000, 8, "private"},
    {0x64400000, 10, "carrier-grade NAT"},
    {0x7F000000, 8, "loopback"},
    {0xA9FE0000, 16, "link-local"},  // cloud metadata services live at 169.254.169.254
    {0xAC100000, 12, "private"},
    {0xC0000000, 24, "reserved"},  // IETF protocol assignments
    {0xC0000200, 24, "documentation"},
    {0xC0586300, 24, "reserved"},  // former 6to4 relay anycast
    {0xC0A80000, 16, "private"},
    {0xC6120000, 15, "benchmarking"},
    {0xC6336400, 24, "documentation"},
    {0xCB007100, 24, "documentation"},
    {0xE0000000, 4, "multicast"},
    {0xF0000000, 4, "reserved"},  // 255.255.255.255 included
}};

std::optional<std::string_view> v4Range(std::uint32_t address) {
  for (const V4Range& range : kV4Ranges) {
    const std::uint32_t mask = ~std::uint32_t{0} << (32 - range.bits);
    if ((address & mask) == range.prefix) return range.name;
  }
  return std::nullopt;
}

struct V6Range {
  Bytes prefix;
  int bits;
  std::string_view name;
};

constexpr Bytes bytesOf(std::uint8_t b0, std::uint8_t b1, std::uint8_t b2 = 0, std::uint8_t b3 = 0,
                        std::uint8_t b4 = 0, std::uint8_t b5 = 0) {
  return Bytes{b0, b1, b2, b3, b4, b5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
}

// Checked in order before the embedded-IPv4 forms and the global-unicast test.
const std::array<V6Range, 6> kV6Ranges = {{
    {bytesOf(0x00, 0x64, 0xff, 0x9b, 0x00, 0x01), 48, "private"},  // local-use NAT64
    {bytesOf(0x01, 0x00), 64, "reserved"},                         // discard-only
    {bytesOf(0x20, 0x01, 0x0d, 0xb8), 32, "documentation"},
    {bytesOf(0x20, 0x01), 23, "reserved"},  // IETF protocol assignments, Teredo included
    {bytesOf(0xfc, 0x00), 7, "private"},    // unique local
    {bytesOf(0xfe, 0x80), 10, "link-local"},
}};

bool inPrefix(const Bytes& address, const Bytes& prefix, int bits) {
  for (int bit = 0; bit < bits; bit += 8) {
    const int take = bits - bit < 8 ? bits - bit : 8;
    const auto mask = static_cast<std::uint8_t>(0xFF << (8 - take));
    const auto index = static_cast<std::size_t>(bit / 8);
    if ((address[index] & mask) != (prefix[index] & mask)) return false;
  }
  return true;
}

std::uint32_t v4At(const Bytes& bytes, std::size_t offset) {
  return std::uint32_t{bytes[offset]} << 24 | std::uint32_t{bytes[offset + 1]} << 16 |
         std::uint32_t{bytes[offset + 2]} << 8 | std::uint32_t{bytes[offset + 3]};
}

std::optional<std::string_view> v6Range(const boost::asio::ip::address_v6& address) {
  const Bytes bytes = address.to_bytes();
  if (address.is_unspecified()) return "unspecified";
  if (address.is_loopback()) return "loopback";
  if (address.is_multicast()) return "multicast";
  if (address.is_v4_mapped()) return v4Range(v4At(bytes, 12));
  if (inPrefix(bytes, bytesOf(0x00, 0x64, 0xff, 0x9b), 96)) return v4Range(v4At(bytes, 12));
  if (inPrefix(bytes, bytesOf(0x20, 0x02), 16)) return v4Range(v4At(bytes, 2));  // 6to4
  for (const V6Range& range : kV6Ranges) {
    if (inPrefix(bytes, range.prefix, range.bits)) return range.name;
  }
  if (!inPrefix(bytes, bytesOf(0x20, 0x00), 3)) return "reserved";  // not global unicast
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> specialPurposeRange(const boost::asio::ip::address& address) {
  if (address.is_v4()) return v4Range(address.to_v4().to_uint());
  return v6Range(address.to_v6());
}

}  // namespace openclaw::net
