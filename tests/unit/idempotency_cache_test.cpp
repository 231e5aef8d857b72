#include "rpc/idempotency_cache.h"

#include <gtest/gtest.h>

namespace openclaw::rpc {
namespace {

using nlohmann::json;

TEST(IdempotencyCache, RemembersByMethodAndKey) {
  IdempotencyCache cache;
  cache.remember("send", "k1", {{"id", 1}}, 0);
  EXPECT_EQ(cache.find("send", "k1", 10), json({{"id", 1}}));
  EXPECT_FALSE(cache.find("send", "k2", 10));
  EXPECT_FALSE(cache.find("agent", "k1", 10));  // same key, other method: unrelated
}

TEST(IdempotencyCache, KeepsTheFinalErrorOfARememberedAnswer) {
  IdempotencyCache cache;
  cache.rememberFinalError("agent", "k1", protocol::GatewayError::invalidRequest("lost"));
  EXPECT_FALSE(cache.find("agent", "k1", 0));  // nothing was remembered to attach it to

  cache.remember("agent", "k1", {{"status", "accepted"}}, 0);
  EXPECT_FALSE(cache.finalError("agent", "k1"));
  cache.rememberFinalError("agent", "k1", protocol::GatewayError::invalidRequest("run failed"));
  ASSERT_TRUE(cache.finalError("agent", "k1"));
  EXPECT_EQ(cache.finalError("agent", "k1")->message, "run failed");
  EXPECT_EQ(cache.find("agent", "k1", 1), json({{"status", "accepted"}}));
}

TEST(IdempotencyCache, EntriesExpireAfterTheTtl) {
  IdempotencyCache cache(1000);
  cache.remember("send", "k1", true, 0);
  EXPECT_TRUE(cache.find("send", "k1", 999));
  EXPECT_FALSE(cache.find("send", "k1", 1000));
}

TEST(IdempotencyCache, KeepsAtMostMaxEntriesDroppingTheOldest) {
  IdempotencyCache cache(60'000, 2);
  cache.remember("m", "a", 1, 0);
  cache.remember("m", "b", 2, 1);
  cache.remember("m", "c", 3, 2);
  EXPECT_FALSE(cache.find("m", "a", 3));
  EXPECT_EQ(cache.find("m", "b", 3), json(2));
  EXPECT_EQ(cache.find("m", "c", 3), json(3));
}

TEST(IdempotencyCache, KeysThatLookAlikeAcrossTheSeparatorStayApart) {
  IdempotencyCache cache;
  cache.remember("a", "b\nc", 1, 0);
  EXPECT_FALSE(cache.find("a\nb", "c", 0));
}

}  // namespace
}  // namespace openclaw::rpc
