#include "core/logging.h"

#include <gtest/gtest.h>

#include <string>

namespace openclaw::core {
namespace {

// Secrets are process-wide, so each test registers its own distinct ones.

TEST(RedactSecrets, MasksEveryOccurrence) {
  registerSecret("log-unit-alpha-7c1");
  EXPECT_EQ(redactSecrets("token=log-unit-alpha-7c1 again log-unit-alpha-7c1,log-unit-alpha-7c1"),
            "token=*** again ***,***");
}

TEST(RedactSecrets, MasksEachRegisteredSecret) {
  registerSecret("log-unit-beta-1");
  registerSecret("log-unit-gamma-2");
  EXPECT_EQ(redactSecrets("a=log-unit-beta-1 b=log-unit-gamma-2"), "a=*** b=***");
}

TEST(RedactSecrets, MasksAdjacentAndOverlappingRepeats) {
  registerSecret("log-unit-zz");
  EXPECT_EQ(redactSecrets("log-unit-zzlog-unit-zz"), "******");
}

TEST(RedactSecrets, RegisteringTwiceIsHarmless) {
  registerSecret("log-unit-delta-3");
  registerSecret("log-unit-delta-3");
  EXPECT_EQ(redactSecrets("[log-unit-delta-3]"), "[***]");
}

TEST(RedactSecrets, IgnoresEmptySecrets) {
  registerSecret("");
  EXPECT_EQ(redactSecrets("nothing to hide here"), "nothing to hide here");
  EXPECT_EQ(redactSecrets(""), "");
}

TEST(RedactSecrets, MasksAWholeSecretEvenWhenAShorterOneIsItsPrefix) {
  registerSecret("log-unit-zeta");
  registerSecret("log-unit-zeta-and-more");
  EXPECT_EQ(redactSecrets("pw=log-unit-zeta-and-more"), "pw=***");
  EXPECT_EQ(redactSecrets("pw=log-unit-zeta"), "pw=***");
}

TEST(RedactSecrets, VeryShortSecretsAreNotMaskedSoOrdinaryWordsSurvive) {
  registerSecret("t");
  registerSecret("abcde");
  EXPECT_EQ(redactSecrets("listening on ws://127.0.0.1 abcde"),
            "listening on ws://127.0.0.1 abcde");
}

TEST(RedactSecrets, LeavesOtherTextAlone) {
  registerSecret("log-unit-epsilon-4");
  EXPECT_EQ(redactSecrets("log-unit-epsilon- and epsilon-4 and LOG-UNIT-EPSILON-4"),
            "log-unit-epsilon- and epsilon-4 and LOG-UNIT-EPSILON-4");
  EXPECT_EQ(redactSecrets("x log-unit-epsilon-4 y"), "x *** y");
}

}  // namespace
}  // namespace openclaw::core
