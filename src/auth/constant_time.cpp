#include "auth/constant_time.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace openclaw::auth {

bool secretsEqual(std::string_view presented, std::string_view expected) {
  unsigned char left[SHA256_DIGEST_LENGTH];
  unsigned char right[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(presented.data()), presented.size(), left);
  SHA256(reinterpret_cast<const unsigned char*>(expected.data()), expected.size(), right);
  return CRYPTO_memcmp(left, right, SHA256_DIGEST_LENGTH) == 0;
}

}  // namespace openclaw::auth
