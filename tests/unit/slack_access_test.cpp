// Slack senders in allowFrom: the bare user id, or with upstream's "slack:" / "user:" prefixes.
#include <gtest/gtest.h>

#include "channels/access_policy.h"

namespace openclaw::channels {
namespace {

InboundMessage fromUser(const std::string& user) {
  InboundMessage message;
  message.channel = "slack";
  message.accountId = "default";
  message.senderId = user;
  return message;
}

TEST(SlackAccess, AllowFromTakesUserIdsWithOrWithoutPrefixes) {
  for (const char* entry : {"U123", "slack:U123", "user:U123", "slack:user:U123"}) {
    const AccessPolicy policy =
        AccessPolicy::fromConfig("slack", {{"dmPolicy", "allowlist"}, {"allowFrom", {entry}}});
    EXPECT_EQ(decideDirect(policy, fromUser("U123"), false), AccessDecision::Allow) << entry;
    EXPECT_EQ(decideDirect(policy, fromUser("U1234"), false), AccessDecision::Drop) << entry;
  }
  const AccessPolicy other = AccessPolicy::fromConfig(
      "slack", {{"dmPolicy", "allowlist"}, {"allowFrom", {"discord:U123"}}});
  EXPECT_EQ(decideDirect(other, fromUser("U123"), false), AccessDecision::Drop);
}

}  // namespace
}  // namespace openclaw::channels
