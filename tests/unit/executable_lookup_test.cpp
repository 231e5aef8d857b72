#include "core/executable_lookup.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace openclaw::core {
namespace {

TEST(ExecutableLookup, FindsOnPathButNeverInTheWorkingDirectoryByName) {
  testsupport::TempDir dir;
  const auto script = dir.write("tool", "#!/bin/sh\n");
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  EXPECT_EQ(resolveExecutable("tool", dir.path().string()), script);
  EXPECT_EQ(resolveExecutable("tool", ""), std::nullopt);
  EXPECT_EQ(resolveExecutable("tool", ":"), std::nullopt);
  EXPECT_EQ(resolveExecutable(script.string(), ""), script);
  EXPECT_EQ(resolveExecutable("", processPath()), std::nullopt);
}

TEST(ExecutableLookup, BareAllowlistEntriesMatchOnlyTheSameBareName) {
  EXPECT_TRUE(allowlistEntryMatches("ls", "ls", std::nullopt));
  EXPECT_TRUE(allowlistEntryMatches("ls", "ls", std::filesystem::path("/bin/ls")));
  EXPECT_FALSE(allowlistEntryMatches("ls", "./ls", std::nullopt));
  EXPECT_FALSE(allowlistEntryMatches("ls", "/bin/ls", std::filesystem::path("/bin/ls")));
  EXPECT_FALSE(allowlistEntryMatches("ls", "cat", std::nullopt));
}

TEST(ExecutableLookup, PathAllowlistEntriesMatchTheSameFile) {
  testsupport::TempDir dir;
  const auto tool = dir.write("tool", "#!/bin/sh\n");
  const auto link = dir.path() / "link";
  std::filesystem::create_symlink(tool, link);
  // Unresolved (a shell command's word): only the path exactly as written.
  EXPECT_TRUE(allowlistEntryMatches(tool.string(), tool.string(), std::nullopt));
  EXPECT_FALSE(allowlistEntryMatches(tool.string(), link.string(), std::nullopt));
  EXPECT_FALSE(allowlistEntryMatches(tool.string(), "tool", std::nullopt));
  // Resolved: any spelling of the program that leads to the same file.
  EXPECT_TRUE(allowlistEntryMatches(tool.string(), "tool", tool));
  EXPECT_TRUE(allowlistEntryMatches(link.string(), "tool", tool));
  EXPECT_FALSE(allowlistEntryMatches((dir.path() / "other").string(), "tool", tool));
}

}  // namespace
}  // namespace openclaw::core
