#include "core/ip_range.h"

#include <array>
#include <charconv>

namespace openclaw::core {
namespace {

namespace ip = boost::asio::ip;

std::string_view trimmedView(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

std::optional<ip::address> parseBare(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  boost::system::error_code ec;
  const ip::address parsed = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return unmapped(parsed);
}

bool digitsOnly(std::string_view text) {
  return !text.empty() && text.size() <= 5 &&
         text.find_first_not_of("0123456789") == std::string_view::npos;
}

// True when the first `bits` bits of `a` and `b` agree.
template <std::size_t N>
bool samePrefix(const std::array<unsigned char, N>& a, const std::array<unsigned char, N>& b,
                unsigned bits) {
  for (std::size_t i = 0; i < N && bits > 0; ++i) {
    const unsigned take = bits >= 8 ? 8U : bits;
    const auto mask = static_cast<unsigned char>(0xFFU << (8U - take));
    if ((a[i] & mask) != (b[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

template <std::size_t N>
std::array<unsigned char, N> masked(std::array<unsigned char, N> bytes, unsigned bits) {
  for (std::size_t i = 0; i < N; ++i) {
    const unsigned take = bits >= 8 ? 8U : bits;
    bytes[i] = static_cast<unsigned char>(bytes[i] & (0xFFU << (8U - take)));
    bits -= take;
  }
  return bytes;
}

}  // namespace

std::optional<ip::address> parseIpLiteral(std::string_view text, bool allowPort) {
  text = trimmedView(text);
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !(allowPort && rest.front() == ':' && digitsOnly(rest.substr(1)))) {
      return std::nullopt;
    }
    auto parsed = parseBare(text.substr(1, close - 1));
    if (!parsed || !parsed->is_v6()) return std::nullopt;
    return parsed;
  }
  if (auto parsed = parseBare(text)) return parsed;
  // "a.b.c.d:port": exactly one colon, so never an IPv6 literal.
  const auto colon = text.find(':');
  if (!allowPort || colon == std::string_view::npos ||
      text.find(':', colon + 1) != std::string_view::npos || !digitsOnly(text.substr(colon + 1))) {
    return std::nullopt;
  }
  auto parsed = parseBare(text.substr(0, colon));
  if (!parsed || !parsed->is_v4()) return std::nullopt;
  return parsed;
}

bool isLoopbackIp(const ip::address& address) { return unmapped(address).is_loopback(); }

bool IpRange::contains(const ip::address& candidate) const {
  const ip::address address = unmapped(candidate);
  if (address.is_v4() && base.is_v4()) {
    return samePrefix(address.to_v4().to_bytes(), base.to_v4().to_bytes(), prefixLength);
  }
  if (address.is_v6() && base.is_v6()) {
    return samePrefix(address.to_v6().to_bytes(), base.to_v6().to_bytes(), prefixLength);
  }
  return false;
}

std::optional<IpRange> parseIpRange(std::string_view text) {
  text = trimmedView(text);
  const auto slash = text.find('/');
  const std::string_view addressText = text.substr(0, slash);
  if (addressText.empty() || addressText.front() == '[') return std::nullopt;
  boost::system::error_code ec;
  const ip::address written = ip::make_address(std::string(addressText), ec);
  if (ec || addressText.size() > 64) return std::nullopt;
  const bool mapped = written.is_v6() && written.to_v6().is_v4_mapped();
  const unsigned width = written.is_v4() ? 32U : 128U;
  unsigned prefix = width;
  if (slash != std::string_view::npos) {
    const std::string_view bits = text.substr(slash + 1);
    if (!digitsOnly(bits) || bits.size() > 3) return std::nullopt;
    std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (prefix > width) return std::nullopt;
  }
  IpRange range;
  if (mapped || written.is_v4()) {
    // A mapped prefix counts the 96 mapped bits first.
    range.prefixLength = mapped ? (prefix > 96 ? prefix - 96 : 0U) : prefix;
    range.base = ip::address_v4(masked(unmapped(written).to_v4().to_bytes(), range.prefixLength));
  } else {
    range.prefixLength = prefix;
    range.base = ip::address_v6(masked(written.to_v6().to_bytes(), prefix));
  }
  return range;
}

std::string normalizedIpText(const std::string& text) {
  auto parsed = parseIpLiteral(text);
  return parsed ? parsed->to_string() : text;
}

}  // namespace openclaw::core
