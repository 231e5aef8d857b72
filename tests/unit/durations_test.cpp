#include "core/durations.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace openclaw::core {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

TEST(Durations, IntegerCountsAreClampedToZeroAndTheMaximum) {
  EXPECT_EQ(kMaxDuration, milliseconds(2'147'483'647));
  EXPECT_EQ(clampedMillis(0), milliseconds(0));
  EXPECT_EQ(clampedMillis(-5), milliseconds(0));
  EXPECT_EQ(clampedMillis(kInt64Min), milliseconds(0));
  EXPECT_EQ(clampedMillis(1500), milliseconds(1500));
  EXPECT_EQ(clampedMillis(kMaxDuration.count()), kMaxDuration);
  EXPECT_EQ(clampedMillis(kMaxDuration.count() + 1), kMaxDuration);
  EXPECT_EQ(clampedMillis(kInt64Max), kMaxDuration);

  EXPECT_EQ(clampedSeconds(0), milliseconds(0));
  EXPECT_EQ(clampedSeconds(-1), milliseconds(0));
  EXPECT_EQ(clampedSeconds(kInt64Min), milliseconds(0));
  EXPECT_EQ(clampedSeconds(90), milliseconds(90'000));
  EXPECT_EQ(clampedSeconds(9'223'372'037), kMaxDuration);  // overflowed nanoseconds before
  EXPECT_EQ(clampedSeconds(kInt64Max), kMaxDuration);
  EXPECT_EQ(clampedSeconds(100'000, std::chrono::hours(24)), std::chrono::hours(24));
}

TEST(Durations, FractionalCountsRoundUpAndNeverOverflow) {
  EXPECT_EQ(clampedDuration(1.5, seconds(1)), milliseconds(1500));
  EXPECT_EQ(clampedDuration(0.0001, seconds(1)), milliseconds(1));
  EXPECT_EQ(clampedDuration(-3.0, seconds(1)), milliseconds(0));
  EXPECT_EQ(clampedDuration(std::nan(""), seconds(1)), milliseconds(0));
  EXPECT_EQ(clampedDuration(1e300, seconds(1)), kMaxDuration);
  EXPECT_EQ(clampedDuration(std::numeric_limits<double>::infinity(), milliseconds(1)),
            kMaxDuration);
}

TEST(Durations, JsonNumbersOfEveryKind) {
  EXPECT_EQ(clampedDuration(json(30), seconds(1)), milliseconds(30'000));
  EXPECT_EQ(clampedDuration(json(-30), seconds(1)), milliseconds(0));
  EXPECT_EQ(clampedDuration(json(0), milliseconds(1)), milliseconds(0));
  EXPECT_EQ(clampedDuration(json(9'223'372'037), seconds(1)), kMaxDuration);
  EXPECT_EQ(clampedDuration(json::parse("18446744073709551615"), milliseconds(1)), kMaxDuration);
  EXPECT_EQ(clampedDuration(json::parse("1e30"), milliseconds(1)), kMaxDuration);
  EXPECT_EQ(clampedDuration(json(2.5), seconds(1)), milliseconds(2500));
  EXPECT_EQ(clampedDuration(json("10"), seconds(1)), milliseconds(0));
  EXPECT_EQ(clampedDuration(json(100), milliseconds(1), milliseconds(50)), milliseconds(50));
}

TEST(Durations, ParamsFallBackWhenAbsent) {
  const json params = {{"timeoutMs", 9'223'372'036'854'775'807LL}, {"zero", 0}};
  EXPECT_EQ(durationParam(params, "timeoutMs", milliseconds(1), seconds(30)), kMaxDuration);
  EXPECT_EQ(durationParam(params, "zero", milliseconds(1), seconds(30)), milliseconds(0));
  EXPECT_EQ(durationParam(params, "missing", milliseconds(1), seconds(30)), seconds(30));
}

}  // namespace
TEST(Durations, TextWithUnitsCompositesAndADefaultUnit) {
  const auto minutes = std::chrono::minutes(1);
  EXPECT_EQ(parseDurationText("30m", minutes), std::chrono::minutes(30));
  EXPECT_EQ(parseDurationText("500ms", minutes), milliseconds(500));
  EXPECT_EQ(parseDurationText("2h", minutes), std::chrono::hours(2));
  EXPECT_EQ(parseDurationText("1d", minutes), std::chrono::hours(24));
  EXPECT_EQ(parseDurationText(" 1H30m ", minutes), std::chrono::minutes(90));
  EXPECT_EQ(parseDurationText("1.5s", minutes), milliseconds(1500));
  EXPECT_EQ(parseDurationText("15", minutes), std::chrono::minutes(15));  // the default unit
  EXPECT_EQ(parseDurationText("15", milliseconds(1)), milliseconds(15));
  EXPECT_EQ(parseDurationText("0m", minutes), milliseconds(0));
  // Far beyond the clamp: the longest duration, not an overflow.
  EXPECT_EQ(parseDurationText("99999999d", minutes), kMaxDuration);
}

TEST(Durations, TextThatIsNotADurationIsRefused) {
  const auto minutes = std::chrono::minutes(1);
  for (const char* text : {"", "  ", "m", "-5m", "5 m", "1h30", "5w", "1.m", "abc", "5m5", "1e3"}) {
    EXPECT_EQ(parseDurationText(text, minutes), std::nullopt) << text;
  }
}

}  // namespace openclaw::core
