// core::CancelSignal: how an awaited step hears of its coroutine's cancellation.
#include "core/cancel_signal.h"

#include <gtest/gtest.h>

namespace openclaw::core {
namespace {

TEST(CancelSignal, EmitRunsTheInstalledHandlerOnce) {
  CancelSignal signal;
  int runs = 0;
  signal.install([&runs] { ++runs; });
  signal.emit();
  signal.emit();
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(signal.emitted());
}

TEST(CancelSignal, AClearedHandlerDoesNotRun) {
  CancelSignal signal;
  bool ran = false;
  {
    CancelScope scope(signal, [&ran] { ran = true; });
  }  // the step ended: its handler is gone
  signal.emit();
  EXPECT_FALSE(ran);
}

TEST(CancelSignal, AStepAfterTheEmitFailsBeforeItStarts) {
  CancelSignal signal;
  signal.emit();
  EXPECT_THROW(CancelScope(signal, [] {}), Cancelled);
}

}  // namespace
}  // namespace openclaw::core
