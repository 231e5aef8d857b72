#include "agent/cancel_callbacks.h"

#include <gtest/gtest.h>

namespace openclaw::agent {
namespace {

TEST(CancelCallbacks, RunOnceAtCancelAndAtOnceWhenAddedLater) {
  CancelCallbacks callbacks;
  int calls = 0;
  callbacks.add([&] { ++calls; });
  callbacks.add([&] { ++calls; });
  EXPECT_FALSE(callbacks.cancelled());
  EXPECT_EQ(calls, 0);
  callbacks.cancel();
  EXPECT_TRUE(callbacks.cancelled());
  EXPECT_EQ(calls, 2);
  callbacks.cancel();
  EXPECT_EQ(calls, 2);
  callbacks.add([&] { ++calls; });
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace openclaw::agent
