// Discord REST rate limits: buckets learned from headers, 429 retry_after per route, the global
// limit pausing every route, and the route keys that decide which requests share a bucket.
#include "channels/discord/discord_rate_limits.h"

#include <gtest/gtest.h>

namespace openclaw::channels::discord {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimits::Clock;

const std::string kChannelA = "POST /channels/100/messages";
const std::string kChannelB = "POST /channels/200/messages";

TEST(DiscordRateLimits, RouteKeysKeepMajorParametersOnly) {
  EXPECT_EQ(RateLimits::routeKey("POST", "/channels/100/messages"), kChannelA);
  EXPECT_EQ(RateLimits::routeKey("PATCH", "/channels/100/messages/555"),
            "PATCH /channels/100/messages/:id");
  EXPECT_EQ(RateLimits::routeKey("GET", "/users/@me"), "GET /users/@me");
  EXPECT_EQ(RateLimits::routeKey("GET", "/guilds/7/members/8?limit=1"),
            "GET /guilds/7/members/:id");
}

TEST(DiscordRateLimits, SecondsValuesAreFractionalAndBounded) {
  EXPECT_EQ(secondsValue("1.337"), 1337ms);
  EXPECT_EQ(secondsValue("0"), 0ms);
  EXPECT_EQ(secondsValue(" 2 "), 2000ms);
  EXPECT_EQ(secondsValue("99999999"), 3600000ms);
  EXPECT_FALSE(secondsValue("-1"));
  EXPECT_FALSE(secondsValue("soon"));
  EXPECT_FALSE(secondsValue("nan"));
  EXPECT_FALSE(secondsValue(""));
}

TEST(DiscordRateLimits, AnExhaustedBucketWaitsForItsReset) {
  RateLimits limits;
  const auto now = Clock::now();
  EXPECT_EQ(limits.reserve(kChannelA, now), 0ms);
  limits.update(kChannelA, 200, {"abc", 0, 2500ms, false, std::nullopt}, now);
  EXPECT_EQ(limits.reserve(kChannelA, now + 500ms), 2000ms);
  EXPECT_EQ(limits.reserve(kChannelB, now + 500ms), 0ms);  // another channel: its own limit
  EXPECT_EQ(limits.reserve(kChannelA, now + 2500ms), 0ms);
}

TEST(DiscordRateLimits, RemainingRequestsAreCountedDownLocally) {
  RateLimits limits;
  const auto now = Clock::now();
  limits.update(kChannelA, 200, {"abc", 2, 1000ms, false, std::nullopt}, now);
  EXPECT_EQ(limits.reserve(kChannelA, now), 0ms);
  EXPECT_EQ(limits.reserve(kChannelA, now), 0ms);
  EXPECT_EQ(limits.reserve(kChannelA, now), 1000ms);
}

TEST(DiscordRateLimits, A429BlocksTheRouteForRetryAfter) {
  RateLimits limits;
  const auto now = Clock::now();
  limits.update(kChannelA, 429, {"", std::nullopt, std::nullopt, false, 1500ms}, now);
  EXPECT_EQ(limits.reserve(kChannelA, now + 100ms), 1400ms);
  EXPECT_EQ(limits.reserve(kChannelB, now + 100ms), 0ms);
  EXPECT_EQ(limits.reserve(kChannelA, now + 1500ms), 0ms);
}

TEST(DiscordRateLimits, AGlobal429PausesEveryRoute) {
  RateLimits limits;
  const auto now = Clock::now();
  limits.update(kChannelA, 429, {"", std::nullopt, std::nullopt, true, 3000ms}, now);
  EXPECT_EQ(limits.reserve(kChannelB, now + 1000ms), 2000ms);
  EXPECT_EQ(limits.reserve("GET /users/@me", now + 1000ms), 2000ms);
  EXPECT_EQ(limits.reserve(kChannelB, now + 3000ms), 0ms);
}

TEST(DiscordRateLimits, ManyRoutesStayBounded) {
  RateLimits limits;
  const auto now = Clock::now();
  for (int i = 0; i < 5000; ++i) {
    const std::string route = "POST /channels/" + std::to_string(i + 1) + "/messages";
    limits.reserve(route, now);
    limits.update(route, 200, {"b" + std::to_string(i), 0, 1ms, false, std::nullopt}, now);
  }
  // Still answers (the stale buckets were dropped); an old route starts afresh.
  EXPECT_EQ(limits.reserve("POST /channels/1/messages", now + 10ms), 0ms);
}

}  // namespace
}  // namespace openclaw::channels::discord
