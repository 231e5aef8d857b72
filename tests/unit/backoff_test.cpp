#include "core/backoff.h"

#include <gtest/gtest.h>

namespace openclaw::core {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, DoublesUpToTheCapAndAppliesJitter) {
  const milliseconds base(1000);
  const milliseconds cap(30000);
  EXPECT_EQ(backoffDelay(0, base, cap), milliseconds(1000));
  EXPECT_EQ(backoffDelay(1, base, cap), milliseconds(2000));
  EXPECT_EQ(backoffDelay(4, base, cap), milliseconds(16000));
  EXPECT_EQ(backoffDelay(5, base, cap), cap);
  EXPECT_EQ(backoffDelay(500, base, cap), cap);  // no overflow however long it failed
  EXPECT_EQ(backoffDelay(2, base, cap, 0.5), milliseconds(2000));
  EXPECT_EQ(backoffDelay(1, base, cap, 1.25), milliseconds(2500));
  EXPECT_EQ(backoffDelay(1, base, cap, -1.0), milliseconds(0));
}

}  // namespace
}  // namespace openclaw::core
