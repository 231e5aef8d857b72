#include "core/duration_text.h"

#include <gtest/gtest.h>

namespace openclaw::core {
namespace {

TEST(DurationText, NumbersWithUnitsAreMilliseconds) {
  EXPECT_EQ(parseDurationText("500ms"), 500);
  EXPECT_EQ(parseDurationText("30s"), 30'000);
  EXPECT_EQ(parseDurationText("5m"), 300'000);
  EXPECT_EQ(parseDurationText("2h"), 7'200'000);
  EXPECT_EQ(parseDurationText("1d"), 86'400'000);
  EXPECT_EQ(parseDurationText("1.5h"), 5'400'000);
  EXPECT_EQ(parseDurationText(" 10M "), 600'000);
}

TEST(DurationText, ChainedUnitsAddUp) {
  EXPECT_EQ(parseDurationText("1h30m"), 5'400'000);
  EXPECT_EQ(parseDurationText("1d2h3m4s5ms"), 93'784'005);
}

TEST(DurationText, ALoneNumberTakesTheDefaultUnit) {
  EXPECT_EQ(parseDurationText("250"), 250);
  EXPECT_EQ(parseDurationText("3", "s"), 3000);
  EXPECT_EQ(parseDurationText("0"), 0);
}

TEST(DurationText, AnythingElseIsRefused) {
  for (const char* text : {"", "  ", "m", "5x", "-5m", "1h30", "1h 30m", "5mm", "1.m", ".5s",
                           "1e3s", "abc", "99999999999999999d"}) {
    EXPECT_FALSE(parseDurationText(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace openclaw::core
