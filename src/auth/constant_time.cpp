#include "auth/constant_time.h"

#include <cstddef>

namespace openclaw::auth {

bool secretsEqual(std::string_view presented, std::string_view expected) {
  // The loop always runs over all of `presented` and reads `expected` cyclically, so its length
  // and where the two differ do not change how long it takes. No hashing: a hash would need
  // OpenSSL's provider set-up, which costs a first connection about 2 ms.
  unsigned difference = presented.size() == expected.size() ? 0U : 1U;
  if (expected.empty()) return presented.empty();
  for (std::size_t i = 0; i < presented.size(); ++i) {
    difference |= static_cast<unsigned>(static_cast<unsigned char>(presented[i]) ^
                                        static_cast<unsigned char>(expected[i % expected.size()]));
  }
  return difference == 0;
}

}  // namespace openclaw::auth
