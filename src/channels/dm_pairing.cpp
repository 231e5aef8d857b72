#include "channels/dm_pairing.h"

#include <openssl/rand.h>

#include <array>
#include <cstring>
#include <stdexcept>

namespace openclaw::channels {

std::string newPairingCode() {
  const std::size_t alphabetSize = std::strlen(kPairingCodeAlphabet);
  std::string code;
  while (code.size() < kPairingCodeLength) {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
      throw std::runtime_error("no random bytes for a pairing code");
    }
    // 256 is a multiple of the alphabet size (32), so every character is equally likely.
    for (unsigned char byte : bytes) {
      if (code.size() == kPairingCodeLength) break;
      code += kPairingCodeAlphabet[byte % alphabetSize];
    }
  }
  return code;
}

std::string pairingCodeMessage(const std::string& channel, const std::string& senderId,
                               const std::string& code) {
  return "OpenClaw: access not configured.\n\nYour " + channel + " user id: " + senderId +
         "\nPairing code: " + code +
         "\n\nAsk the bot owner to approve with:\nopenclaw pairing approve " + channel + " " + code;
}

}  // namespace openclaw::channels
