#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace openclaw::fleet {

// Replaces every occurrence of a secret in a byte stream with "<redacted>", also when the stream
// arrives in chunks that split the secret: the last secret.size()-1 bytes of what was fed are
// held back until more arrives or finish() is called.
class TokenRedactor {
 public:
  explicit TokenRedactor(std::string secret) : secret_(std::move(secret)) {}

  // What of the stream so far can be written out now.
  std::string feed(std::string_view chunk);
  // The rest, at the end of the stream.
  std::string finish();

 private:
  std::string secret_;
  std::string pending_;
};

}  // namespace openclaw::fleet
