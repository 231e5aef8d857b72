#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "auth/auth_rate_limiter.h"
#include "auth/constant_time.h"
#include "auth/shared_secret_auth.h"

namespace openclaw::auth {
namespace {

using config::AuthMode;
using config::AuthRateLimit;
using config::AuthSettings;
using nlohmann::json;

// --- secretsEqual ----------------------------------------------------------------------------

TEST(SecretsEqual, ComparesContents) {
  EXPECT_TRUE(secretsEqual("s3cret-token", "s3cret-token"));
  EXPECT_FALSE(secretsEqual("s3cret-token", "s3cret-tokeN"));
  EXPECT_FALSE(secretsEqual("x3cret-token", "s3cret-token"));
}

TEST(SecretsEqual, DifferentLengthsDiffer) {
  EXPECT_FALSE(secretsEqual("s3cret", "s3cret-token"));
  EXPECT_FALSE(secretsEqual("s3cret-token", "s3cret"));
  // Not fooled by an embedded NUL.
  EXPECT_FALSE(secretsEqual(std::string_view("abc\0", 4), "abc"));
  // The expected secret is read cyclically: a repetition of it is still a different secret.
  EXPECT_FALSE(secretsEqual("s3cret-s3cret-", "s3cret-"));
}

TEST(SecretsEqual, Empty) {
  EXPECT_TRUE(secretsEqual("", ""));
  EXPECT_FALSE(secretsEqual("", "s3cret"));
  EXPECT_FALSE(secretsEqual("s3cret", ""));
}

// --- AuthRateLimiter -------------------------------------------------------------------------

constexpr std::int64_t kStart = 10'000'000;  // a monotonic clock reading well past zero
constexpr const char* kRemote = "203.0.113.7";

AuthRateLimit policy(bool exemptLoopback = true) {
  AuthRateLimit limit;
  limit.maxAttempts = 3;
  limit.windowMs = 1'000;
  limit.lockoutMs = 5'000;
  limit.exemptLoopback = exemptLoopback;
  return limit;
}

// Records `count` failures one millisecond apart starting at `nowMs`; returns the last result.
std::optional<std::int64_t> fail(AuthRateLimiter& limiter, const std::string& address, int count,
                                 std::int64_t nowMs) {
  std::optional<std::int64_t> result;
  for (int i = 0; i < count; ++i) result = limiter.recordFailure(address, nowMs + i);
  return result;
}

TEST(AuthRateLimiter, FailuresBelowTheLimitDoNotLock) {
  AuthRateLimiter limiter(policy());
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart), std::nullopt);
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart + 1), std::nullopt);
  EXPECT_EQ(limiter.lockedFor(kRemote, kStart + 2), std::nullopt);
}

TEST(AuthRateLimiter, TheNthFailureLocksForTheLockout) {
  AuthRateLimiter limiter(policy());
  fail(limiter, kRemote, 2, kStart);
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart + 10), 5'000);
  EXPECT_EQ(limiter.lockedFor(kRemote, kStart + 10), 5'000);
  EXPECT_EQ(limiter.lockedFor(kRemote, kStart + 1'010), 4'000);
  EXPECT_EQ(limiter.lockedFor(kRemote, kStart + 5'009), 1);
  EXPECT_EQ(limiter.lockedFor(kRemote, kStart + 5'010), std::nullopt);
}

TEST(AuthRateLimiter, AfterTheLockoutCountingStartsAfresh) {
  AuthRateLimiter limiter(policy());
  fail(limiter, kRemote, 3, kStart);
  const std::int64_t unlocked = kStart + 2 + 5'000;
  ASSERT_EQ(limiter.lockedFor(kRemote, unlocked), std::nullopt);
  EXPECT_EQ(fail(limiter, kRemote, 2, unlocked), std::nullopt);
  EXPECT_EQ(limiter.recordFailure(kRemote, unlocked + 2), 5'000);
}

TEST(AuthRateLimiter, AddressesAreCountedSeparately) {
  AuthRateLimiter limiter(policy());
  fail(limiter, kRemote, 3, kStart);
  EXPECT_NE(limiter.lockedFor(kRemote, kStart + 3), std::nullopt);
  EXPECT_EQ(limiter.lockedFor("198.51.100.1", kStart + 3), std::nullopt);
  EXPECT_EQ(limiter.recordFailure("198.51.100.1", kStart + 3), std::nullopt);
}

TEST(AuthRateLimiter, AnExpiredWindowResetsTheCount) {
  AuthRateLimiter limiter(policy());
  fail(limiter, kRemote, 2, kStart);
  // The window (1s from the first failure) is over: this failure is the first of a new one.
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart + 1'000), std::nullopt);
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart + 1'001), std::nullopt);
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart + 1'002), 5'000);
}

TEST(AuthRateLimiter, SuccessClearsFailures) {
  AuthRateLimiter limiter(policy());
  fail(limiter, kRemote, 2, kStart);
  limiter.recordSuccess(kRemote);
  EXPECT_EQ(fail(limiter, kRemote, 2, kStart + 10), std::nullopt);
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart + 20), 5'000);
}

TEST(AuthRateLimiter, LoopbackIsExemptWhenConfigured) {
  AuthRateLimiter limiter(policy(true));
  for (const char* address : {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"}) {
    EXPECT_EQ(fail(limiter, address, 10, kStart), std::nullopt) << address;
    EXPECT_EQ(limiter.lockedFor(address, kStart + 10), std::nullopt) << address;
  }
}

TEST(AuthRateLimiter, LoopbackIsLimitedWhenNotExempt) {
  AuthRateLimiter limiter(policy(false));
  EXPECT_EQ(fail(limiter, "127.0.0.1", 3, kStart), 5'000);
  EXPECT_EQ(limiter.lockedFor("127.0.0.1", kStart + 2), 5'000);
}

TEST(AuthRateLimiter, SetPolicyAppliesToLaterFailures) {
  AuthRateLimiter limiter(policy());
  AuthRateLimit strict = policy();
  strict.maxAttempts = 1;
  strict.lockoutMs = 42;
  limiter.setPolicy(strict);
  EXPECT_EQ(limiter.recordFailure(kRemote, kStart), 42);
  EXPECT_EQ(limiter.lockedFor(kRemote, kStart), 42);
}

// --- checkSharedSecret -----------------------------------------------------------------------

constexpr const char* kToken = "tok-unit-9f8e7d";
constexpr const char* kPassword = "pw-unit-correct-horse";

const AuthSettings kTokenAuth{AuthMode::Token, kToken};
const AuthSettings kPasswordAuth{AuthMode::Password, kPassword};

// details.code of the error, or "accepted" when the check passed.
std::string outcome(const AuthSettings& settings, const json& authParams, bool local = false) {
  const auto checked = checkSharedSecret(settings, authParams, local);
  return checked ? "accepted" : checked.error().details.value("code", "<no code>");
}

TEST(CheckSharedSecret, ModeNoneAcceptsAnything) {
  const AuthSettings none{AuthMode::None, ""};
  EXPECT_EQ(outcome(none, nullptr), "accepted");
  EXPECT_EQ(outcome(none, json::object()), "accepted");
  EXPECT_EQ(outcome(none, {{"token", "whatever"}}), "accepted");
  EXPECT_EQ(outcome(none, "not even an object"), "accepted");
}

TEST(CheckSharedSecret, TokenMissing) {
  EXPECT_EQ(outcome(kTokenAuth, nullptr), "AUTH_TOKEN_MISSING");
  EXPECT_EQ(outcome(kTokenAuth, json::object()), "AUTH_TOKEN_MISSING");
  EXPECT_EQ(outcome(kTokenAuth, {{"token", ""}}), "AUTH_TOKEN_MISSING");
  EXPECT_EQ(outcome(kTokenAuth, {{"token", 12345}}), "AUTH_TOKEN_MISSING");
  EXPECT_EQ(outcome(kTokenAuth, json::array({kToken})), "AUTH_TOKEN_MISSING");
}

TEST(CheckSharedSecret, TokenMismatch) {
  EXPECT_EQ(outcome(kTokenAuth, {{"token", "tok-unit-wrong"}}), "AUTH_TOKEN_MISMATCH");
  EXPECT_EQ(outcome(kTokenAuth, {{"token", "tok-unit-wrong"}}, true), "AUTH_TOKEN_MISMATCH");
  EXPECT_EQ(outcome(kTokenAuth, {{"password", "tok-unit-wrong"}}), "AUTH_TOKEN_MISMATCH");
}

TEST(CheckSharedSecret, TokenAccepted) {
  EXPECT_EQ(outcome(kTokenAuth, {{"token", kToken}}), "accepted");
  // The secret may arrive in either wire field; the mode decides what is expected.
  EXPECT_EQ(outcome(kTokenAuth, {{"password", kToken}}), "accepted");
  EXPECT_EQ(outcome(kTokenAuth, {{"token", ""}, {"password", kToken}}), "accepted");
}

TEST(CheckSharedSecret, PasswordMissing) {
  EXPECT_EQ(outcome(kPasswordAuth, json::object()), "AUTH_PASSWORD_MISSING");
  EXPECT_EQ(outcome(kPasswordAuth, {{"password", ""}}), "AUTH_PASSWORD_MISSING");
  EXPECT_EQ(outcome(kPasswordAuth, {{"password", false}}), "AUTH_PASSWORD_MISSING");
}

TEST(CheckSharedSecret, PasswordMismatchAndAccepted) {
  EXPECT_EQ(outcome(kPasswordAuth, {{"password", "pw-unit-wrong"}}), "AUTH_PASSWORD_MISMATCH");
  EXPECT_EQ(outcome(kPasswordAuth, {{"password", kPassword}}), "accepted");
  EXPECT_EQ(outcome(kPasswordAuth, {{"token", kPassword}}), "accepted");
  // The token of token mode is not the password.
  EXPECT_EQ(outcome(kPasswordAuth, {{"password", kToken}}), "AUTH_PASSWORD_MISMATCH");
}

TEST(CheckSharedSecret, ErrorsCarryUpstreamDetails) {
  const auto checked = checkSharedSecret(kTokenAuth, {{"token", "nope"}}, false);
  ASSERT_FALSE(checked.ok());
  const protocol::GatewayError& error = checked.error();
  EXPECT_EQ(error.code, "INVALID_REQUEST");  // as docs/protocol.md and upstream answer
  EXPECT_EQ(error.message.rfind("unauthorized: ", 0), 0u) << error.message;
  EXPECT_EQ(error.details["authReason"], "token_mismatch");
  EXPECT_EQ(error.details["canRetryWithDeviceToken"], false);
  EXPECT_EQ(error.details["recommendedNextStep"], "update_auth_credentials");
  EXPECT_FALSE(error.retryable.has_value());
}

TEST(CheckSharedSecret, MessagesNeverContainTheSecrets) {
  const std::string presented = "presented-unit-guess";
  for (const AuthSettings& settings : {kTokenAuth, kPasswordAuth}) {
    for (const json& params :
         {json::object(), json{{"token", presented}}, json{{"password", presented}}}) {
      for (const bool local : {true, false}) {
        const auto checked = checkSharedSecret(settings, params, local);
        ASSERT_FALSE(checked.ok());
        const std::string wire = checked.error().toJson().dump();
        EXPECT_EQ(wire.find(settings.secret), std::string::npos) << wire;
        EXPECT_EQ(wire.find(presented), std::string::npos) << wire;
      }
    }
  }
}

TEST(RateLimitedError, IsRetryableWithADelay) {
  const protocol::GatewayError error = rateLimitedError(1'234);
  EXPECT_EQ(error.code, "INVALID_REQUEST");
  EXPECT_EQ(error.details["code"], "AUTH_RATE_LIMITED");
  EXPECT_EQ(error.retryable, true);
  EXPECT_EQ(error.retryAfterMs, 1'234);
  const json wire = error.toJson();
  EXPECT_EQ(wire["retryable"], true);
  EXPECT_EQ(wire["retryAfterMs"], 1'234);
  EXPECT_NE(wire["message"].get<std::string>().find("too many failed authentication attempts"),
            std::string::npos);
}

}  // namespace
}  // namespace openclaw::auth
