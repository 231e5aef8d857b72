#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace openclaw::core {

// Cryptographically random bytes from the kernel (getrandom(2)).
std::vector<unsigned char> randomBytes(std::size_t count);

// Cryptographically random bytes rendered as lowercase hex (2 * byteCount characters).
std::string randomHex(std::size_t byteCount);

// Cryptographically random bytes rendered as unpadded base64url (for tokens people copy).
std::string randomToken(std::size_t byteCount = 24);

// A random RFC 4122 version-4 UUID, e.g. "3f0c…-…".
std::string uuidV4();

}  // namespace openclaw::core
