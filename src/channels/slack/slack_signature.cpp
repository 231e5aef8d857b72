#include "channels/slack/slack_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>

#include "auth/constant_time.h"

namespace openclaw::channels::slack {

std::string slackSignature(std::string_view signingSecret, std::string_view timestamp,
                           std::string_view body) {
  std::string base = "v0:";
  base.append(timestamp).append(":").append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), signingSecret.data(), static_cast<int>(signingSecret.size()),
       reinterpret_cast<const unsigned char*>(base.data()), base.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string signature = "v0=";
  for (unsigned int i = 0; i < length; ++i) {
    signature.push_back(kHex[digest[i] >> 4]);
    signature.push_back(kHex[digest[i] & 0x0F]);
  }
  return signature;
}

SignatureCheck checkSlackSignature(std::string_view signingSecret, std::string_view signature,
                                   std::string_view timestamp, std::string_view body,
                                   std::int64_t nowSeconds) {
  if (signature.empty() || timestamp.empty()) return SignatureCheck::kMissing;
  std::int64_t sent = 0;
  const auto [end, error] =
      std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  if (error != std::errc() || end != timestamp.data() + timestamp.size() || sent < 0) {
    return SignatureCheck::kStale;
  }
  const std::int64_t skew = nowSeconds > sent ? nowSeconds - sent : sent - nowSeconds;
  if (skew > kMaxRequestSkewSeconds) return SignatureCheck::kStale;
  const std::string expected = slackSignature(signingSecret, timestamp, body);
  return auth::secretsEqual(signature, expected) ? SignatureCheck::kValid : SignatureCheck::kBad;
}

const char* describe(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::kValid:
      return "valid";
    case SignatureCheck::kMissing:
      return "missing X-Slack-Signature or X-Slack-Request-Timestamp";
    case SignatureCheck::kStale:
      return "X-Slack-Request-Timestamp outside the 5-minute window";
    case SignatureCheck::kBad:
      return "bad X-Slack-Signature";
  }
  return "";
}

}  // namespace openclaw::channels::slack
