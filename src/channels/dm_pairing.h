#pragma once

#include <cstdint>
#include <string>

namespace openclaw::channels {

// DM pairing as upstream defines it: an unknown sender gets a code, an operator approves it.
inline constexpr std::size_t kPairingCodeLength = 8;
// Uppercase letters and digits without the look-alikes 0, O, 1 and I.
inline constexpr const char* kPairingCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
inline constexpr std::int64_t kPairingCodeTtlMs = 60 * 60 * 1000;
inline constexpr int kMaxPendingPairingsPerAccount = 3;

// A fresh random pairing code (kPairingCodeLength characters of kPairingCodeAlphabet).
std::string newPairingCode();

// The message an unknown sender gets with their code.
std::string pairingCodeMessage(const std::string& channel, const std::string& senderId,
                               const std::string& code);

}  // namespace openclaw::channels
