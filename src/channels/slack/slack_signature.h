#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace openclaw::channels::slack {

// Slack's request signing (Events API over HTTP): X-Slack-Signature is "v0=" + the hex
// HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<body>" keyed with the app's signing secret.
std::string slackSignature(std::string_view signingSecret, std::string_view timestamp,
                           std::string_view body);

// How old (or how far in the future) a signed request may be: Slack's 5 minutes.
inline constexpr std::int64_t kMaxRequestSkewSeconds = 5 * 60;

enum class SignatureCheck {
  kValid,
  kMissing,  // no signature or timestamp header
  kStale,    // the timestamp is not a number or outside the 5-minute window (a replay)
  kBad,      // the signature does not match
};

// Checks one request's headers against `signingSecret` at `nowSeconds` (Unix time). The
// comparison takes the same time wherever the signatures differ.
SignatureCheck checkSlackSignature(std::string_view signingSecret, std::string_view signature,
                                   std::string_view timestamp, std::string_view body,
                                   std::int64_t nowSeconds);

const char* describe(SignatureCheck check);

}  // namespace openclaw::channels::slack
