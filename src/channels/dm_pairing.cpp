#include "channels/dm_pairing.h"

#include <cstring>

#include "core/random_ids.h"

namespace openclaw::channels {

std::string newPairingCode() {
  const std::size_t alphabetSize = std::strlen(kPairingCodeAlphabet);
  std::string code;
  // 256 is a multiple of the alphabet size (32), so every character is equally likely.
  for (unsigned char byte : core::randomBytes(kPairingCodeLength)) {
    code += kPairingCodeAlphabet[byte % alphabetSize];
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
