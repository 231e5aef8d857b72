#include "core/text.h"

#include <gtest/gtest.h>

namespace openclaw::core {
namespace {

TEST(Text, TrimmedRemovesAllAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(trimmed(" \t\r\n\f\va b\v\f\n\r\t "), "a b");
  EXPECT_EQ(trimmed("  \n"), "");
  EXPECT_EQ(trimmed(""), "");
  EXPECT_EQ(trimmed("x"), "x");
}

TEST(Text, TrimmedOfLineWhitespaceKeepsFormFeedAndVerticalTab) {
  EXPECT_EQ(trimmed(" \t\r\nnonce\n", kLineWhitespace), "nonce");
  EXPECT_EQ(trimmed("\f nonce \v", kLineWhitespace), "\f nonce \v");
  EXPECT_EQ(trimmed(" \t ", kLineWhitespace), "");
}

}  // namespace
}  // namespace openclaw::core
