#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/log_tail.h"
#include "temp_dir.h"

namespace openclaw::core {
namespace {

using Lines = std::vector<std::string>;

class LogTailTest : public ::testing::Test {
 protected:
  void append(const std::string& text) const {
    std::ofstream(file, std::ios::binary | std::ios::app) << text;
  }
  LogTail read(std::optional<std::uint64_t> cursor, std::size_t limit = kLogTailDefaultLimit,
               std::size_t maxBytes = kLogTailDefaultMaxBytes) const {
    return readLogTail(file, {cursor, limit, maxBytes});
  }

  testsupport::TempDir dir;
  std::filesystem::path file = dir.path() / "gateway.log";
};

TEST_F(LogTailTest, MissingFileReadsAsEmpty) {
  const LogTail tail = read(std::nullopt);
  EXPECT_TRUE(tail.lines.empty());
  EXPECT_EQ(tail.cursor, 0u);
  EXPECT_EQ(tail.size, 0u);
  EXPECT_FALSE(tail.truncated);
  EXPECT_FALSE(tail.reset);
}

TEST_F(LogTailTest, ReadsWholeSmallFileAndContinuesFromTheCursorWithoutRepeats) {
  append("a\nb\n\nc\n");
  LogTail tail = read(std::nullopt);
  EXPECT_EQ(tail.lines, (Lines{"a", "b", "", "c"}));
  EXPECT_EQ(tail.cursor, 7u);
  EXPECT_EQ(tail.size, 7u);
  EXPECT_FALSE(tail.truncated);

  tail = read(tail.cursor);
  EXPECT_TRUE(tail.lines.empty());
  EXPECT_EQ(tail.cursor, 7u);

  append("d\ne\n");
  tail = read(tail.cursor);
  EXPECT_EQ(tail.lines, (Lines{"d", "e"}));
  EXPECT_EQ(tail.cursor, 11u);
  EXPECT_FALSE(tail.truncated);
  EXPECT_FALSE(tail.reset);
  EXPECT_EQ(tail.skippedBytes, 0u);
}

TEST_F(LogTailTest, PartialLastLineWaitsUntilItsNewlineArrives) {
  append("one\ntw");
  LogTail tail = read(std::nullopt);
  EXPECT_EQ(tail.lines, (Lines{"one"}));
  EXPECT_EQ(tail.cursor, 4u);
  EXPECT_EQ(tail.size, 6u);

  tail = read(tail.cursor);
  EXPECT_TRUE(tail.lines.empty());
  EXPECT_EQ(tail.cursor, 4u);

  append("o\n");
  tail = read(tail.cursor);
  EXPECT_EQ(tail.lines, (Lines{"two"}));
  EXPECT_EQ(tail.cursor, 8u);
}

TEST_F(LogTailTest, LimitKeepsTheNewestLines) {
  for (int i = 0; i < 10; ++i) append("line-" + std::to_string(i) + "\n");  // 7 bytes each
  LogTail tail = read(std::nullopt, 3);
  EXPECT_EQ(tail.lines, (Lines{"line-7", "line-8", "line-9"}));
  EXPECT_EQ(tail.cursor, 70u);
  EXPECT_TRUE(tail.truncated);
  EXPECT_EQ(tail.skippedBytes, 0u);  // no cursor, nothing to account for

  tail = read(14, 3);
  EXPECT_EQ(tail.lines, (Lines{"line-7", "line-8", "line-9"}));
  EXPECT_TRUE(tail.truncated);
  EXPECT_FALSE(tail.reset);
  EXPECT_EQ(tail.skippedBytes, 35u);  // line-2 … line-6
}

TEST_F(LogTailTest, MaxBytesReadsOnlyTheNewestBytesAndDropsTheCutLine) {
  for (int i = 0; i < 10; ++i) append("line-" + std::to_string(i) + "\n");
  LogTail tail = read(std::nullopt, kLogTailDefaultLimit, 10);  // starts inside line-8
  EXPECT_EQ(tail.lines, (Lines{"line-9"}));
  EXPECT_EQ(tail.cursor, 70u);
  EXPECT_TRUE(tail.truncated);
  EXPECT_FALSE(tail.reset);

  tail = read(std::nullopt, kLogTailDefaultLimit, 14);  // starts exactly at line-8
  EXPECT_EQ(tail.lines, (Lines{"line-8", "line-9"}));
}

TEST_F(LogTailTest, StaleCursorRestartsFromTheNewestBytesAndSaysSo) {
  for (int i = 0; i < 10; ++i) append("line-" + std::to_string(i) + "\n");
  const LogTail tail = read(7, kLogTailDefaultLimit, 14);
  EXPECT_EQ(tail.lines, (Lines{"line-8", "line-9"}));
  EXPECT_TRUE(tail.reset);
  EXPECT_TRUE(tail.truncated);
  EXPECT_EQ(tail.skippedBytes, 49u);  // line-1 … line-7
  EXPECT_EQ(tail.cursor, 70u);
}

TEST_F(LogTailTest, CursorBeyondTheEndOfATruncatedFileStartsOver) {
  append("old-1\nold-2\nold-3\n");
  const std::uint64_t cursor = read(std::nullopt).cursor;
  std::filesystem::resize_file(file, 0);
  append("new\n");
  LogTail tail = read(cursor);
  EXPECT_EQ(tail.lines, (Lines{"new"}));
  EXPECT_TRUE(tail.reset);
  EXPECT_FALSE(tail.truncated);
  EXPECT_EQ(tail.skippedBytes, 0u);
  EXPECT_EQ(tail.cursor, 4u);

  tail = read(tail.cursor);
  EXPECT_TRUE(tail.lines.empty());
  EXPECT_FALSE(tail.reset);
}

TEST_F(LogTailTest, LineLongerThanMaxBytesIsSkippedNotReturnedInPieces) {
  append("first\n" + std::string(50, 'x'));
  LogTail tail = read(6, kLogTailDefaultLimit, 20);
  EXPECT_TRUE(tail.lines.empty());
  EXPECT_EQ(tail.cursor, 56u);
  EXPECT_EQ(tail.skippedBytes, 50u);

  append("yyy\nnext\n");
  tail = read(tail.cursor, kLogTailDefaultLimit, 20);
  EXPECT_EQ(tail.lines, (Lines{"next"}));
  EXPECT_EQ(tail.skippedBytes, 4u);  // the long line's end
  EXPECT_EQ(tail.cursor, 65u);
}

TEST_F(LogTailTest, BoundsAreClampedToUpstreamsCaps) {
  for (std::size_t i = 0; i < kLogTailMaxLimit + 5; ++i) append("x\n");
  const LogTail tail = read(std::nullopt, 1'000'000, 0);
  EXPECT_TRUE(tail.lines.empty());  // maxBytes 0 → 1: just the last newline
  EXPECT_EQ(read(std::nullopt, 1'000'000).lines.size(), kLogTailMaxLimit);
  EXPECT_EQ(read(std::nullopt, 0).lines, (Lines{"x"}));
}

TEST_F(LogTailTest, UnreadablePathThrows) {
  EXPECT_THROW(readLogTail(dir.path(), {}), std::system_error);
}

}  // namespace
}  // namespace openclaw::core
