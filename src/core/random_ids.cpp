#include "core/random_ids.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <vector>

namespace openclaw::core {

// Straight from the kernel's CSPRNG (getrandom(2)) rather than OpenSSL's RAND_bytes: the first
// RAND_bytes call initialises libcrypto (reads openssl.cnf, loads its error strings), which
// cost start-up time and idle memory in a gateway that otherwise needs no OpenSSL until a device
// signs in. Blocks only until the kernel pool is first seeded after boot.
std::vector<unsigned char> randomBytes(std::size_t count) {
  std::vector<unsigned char> bytes(count);
  std::size_t filled = 0;
  while (filled < count) {
    const ssize_t n = ::getrandom(bytes.data() + filled, count - filled, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("the system random number generator failed");
    filled += static_cast<std::size_t>(n);
  }
  return bytes;
}

std::string randomHex(std::size_t byteCount) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(byteCount * 2);
  for (unsigned char byte : randomBytes(byteCount)) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

std::string randomToken(std::size_t byteCount) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const std::vector<unsigned char> bytes = randomBytes(byteCount);
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

std::string uuidV4() {
  std::string hex = randomHex(16);
  hex[12] = '4';                                                      // version 4
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 0x3];  // RFC 4122 variant
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace openclaw::core
