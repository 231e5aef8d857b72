// Slack request signing: the signature Slack's documentation derives, and every way a request
// can fail the check (missing headers, a stale or malformed timestamp, a wrong signature).
#include "channels/slack/slack_signature.h"

#include <gtest/gtest.h>

namespace openclaw::channels::slack {
namespace {

constexpr const char* kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr const char* kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885"
    "554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fc"
    "e8b6703c";
constexpr std::int64_t kTimestamp = 1531420618;

// The example of Slack's "Verifying requests from Slack" page.
TEST(SlackSignature, MatchesSlacksDocumentedExample) {
  EXPECT_EQ(slackSignature(kSecret, "1531420618", kBody),
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  EXPECT_EQ(checkSlackSignature(
                kSecret, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                "1531420618", kBody, kTimestamp + 10),
            SignatureCheck::kValid);
}

TEST(SlackSignature, RefusesMissingHeaders) {
  const std::string good = slackSignature(kSecret, "1531420618", kBody);
  EXPECT_EQ(checkSlackSignature(kSecret, "", "1531420618", kBody, kTimestamp),
            SignatureCheck::kMissing);
  EXPECT_EQ(checkSlackSignature(kSecret, good, "", kBody, kTimestamp), SignatureCheck::kMissing);
}

TEST(SlackSignature, RefusesTimestampsOutsideFiveMinutes) {
  const std::string good = slackSignature(kSecret, "1531420618", kBody);
  EXPECT_EQ(checkSlackSignature(kSecret, good, "1531420618", kBody, kTimestamp + 300),
            SignatureCheck::kValid);
  EXPECT_EQ(checkSlackSignature(kSecret, good, "1531420618", kBody, kTimestamp + 301),
            SignatureCheck::kStale);
  EXPECT_EQ(checkSlackSignature(kSecret, good, "1531420618", kBody, kTimestamp - 301),
            SignatureCheck::kStale);
  for (const char* bad : {"soon", "1531420618.5", "-1", "99999999999999999999999", " 1531420618"}) {
    EXPECT_EQ(checkSlackSignature(kSecret, good, bad, kBody, kTimestamp), SignatureCheck::kStale)
        << bad;
  }
}

TEST(SlackSignature, RefusesAWrongSignatureSecretOrBody) {
  const std::string good = slackSignature(kSecret, "1531420618", kBody);
  std::string flipped = good;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_EQ(checkSlackSignature(kSecret, flipped, "1531420618", kBody, kTimestamp),
            SignatureCheck::kBad);
  EXPECT_EQ(checkSlackSignature("other-secret", good, "1531420618", kBody, kTimestamp),
            SignatureCheck::kBad);
  EXPECT_EQ(checkSlackSignature(kSecret, good, "1531420618", std::string(kBody) + " ", kTimestamp),
            SignatureCheck::kBad);
  EXPECT_EQ(checkSlackSignature(kSecret, good.substr(3), "1531420618", kBody, kTimestamp),
            SignatureCheck::kBad);
  // The signature of another timestamp does not carry over (no replay with a fresh header).
  EXPECT_EQ(checkSlackSignature(kSecret, good, "1531420619", kBody, kTimestamp),
            SignatureCheck::kBad);
}

}  // namespace
}  // namespace openclaw::channels::slack
