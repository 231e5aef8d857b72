#include <gtest/gtest.h>
#include <sys/stat.h>

#include "agent/tools/file_tools.h"
#include "core/files.h"
#include "temp_dir.h"

namespace openclaw::agent::tools {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ToolFiles : public ::testing::Test {
 protected:
  ToolFiles() { context_.workspace = temp_.path() / "ws"; }

  ToolResult read(const json& arguments) const { return ReadTool().run(arguments, context_); }
  ToolResult write(const json& arguments) const { return WriteTool().run(arguments, context_); }
  ToolResult edit(const json& arguments) const { return EditTool().run(arguments, context_); }
  std::string contents(const std::string& relative) const {
    return core::readFile(context_.workspace / relative).value_or("<missing>");
  }
  // Fails the test unless `result` is an error mentioning `fragment`.
  static void expectError(const ToolResult& result, const std::string& fragment) {
    EXPECT_TRUE(result.isError) << result.output;
    EXPECT_NE(result.output.find(fragment), std::string::npos) << result.output;
  }

  testsupport::TempDir temp_;
  ToolContext context_;
};

TEST_F(ToolFiles, WriteCreatesParentsAndReadReturnsTheText) {
  const ToolResult written = write({{"path", "notes/today.md"}, {"content", "one\ntwo\n"}});
  ASSERT_FALSE(written.isError) << written.output;
  EXPECT_EQ(written.output, "Successfully wrote 8 bytes to notes/today.md");
  EXPECT_EQ(contents("notes/today.md"), "one\ntwo\n");
  const ToolResult shown = read({{"path", "notes/today.md"}});
  EXPECT_FALSE(shown.isError);
  EXPECT_EQ(shown.output, "one\ntwo\n");
  EXPECT_EQ(shown.details["totalLines"], 2);
}

TEST_F(ToolFiles, WriteReplacesAtomicallyKeepingThePermissions) {
  temp_.write("ws/script.sh", "old");
  fs::permissions(context_.workspace / "script.sh", fs::perms(0750));
  struct stat before {};
  ::stat((context_.workspace / "script.sh").c_str(), &before);
  ASSERT_FALSE(write({{"path", "script.sh"}, {"content", "new"}}).isError);
  struct stat after {};
  ::stat((context_.workspace / "script.sh").c_str(), &after);
  EXPECT_EQ(contents("script.sh"), "new");
  EXPECT_NE(before.st_ino, after.st_ino);  // a new file was renamed over the old one
  EXPECT_EQ(after.st_mode & 0777, 0750u);
  EXPECT_EQ(std::distance(fs::directory_iterator(context_.workspace), {}), 1);  // no temp left
}

TEST_F(ToolFiles, WriteThroughASymlinkInsideUpdatesItsTarget) {
  const fs::path target = temp_.write("ws/real.txt", "real");
  fs::create_symlink(target, context_.workspace / "link.txt");
  ASSERT_FALSE(write({{"path", "link.txt"}, {"content", "via link"}}).isError);
  // The link resolves inside the workspace, so the write lands on its target.
  EXPECT_EQ(contents("real.txt"), "via link");
}

TEST_F(ToolFiles, FileToolsRefuseEscapes) {
  fs::create_directories(context_.workspace);
  fs::create_symlink("/etc", context_.workspace / "etc");
  fs::create_symlink(temp_.path() / "nowhere", context_.workspace / "dangling");
  expectError(write({{"path", "../outside.txt"}, {"content", "x"}}), "outside the workspace");
  expectError(write({{"path", "etc/evil"}, {"content", "x"}}), "outside the workspace");
  expectError(write({{"path", "dangling"}, {"content", "x"}}), "dangling");
  expectError(read({{"path", "/etc/hostname"}}), "outside the workspace");
  expectError(read({{"path", "etc/hostname"}}), "outside the workspace");
  expectError(edit({{"path", "etc/hostname"}, {"oldText", "a"}, {"newText", "b"}}),
              "outside the workspace");
  EXPECT_FALSE(fs::exists(temp_.path() / "outside.txt"));
  EXPECT_FALSE(fs::exists(temp_.path() / "nowhere"));
}

TEST_F(ToolFiles, BadArgumentsAreErrorsNamingTheParameter) {
  expectError(read(json::array()), "must be a JSON object");
  expectError(read(json::object()), "missing required parameter \"path\"");
  expectError(read({{"path", 7}}), "\"path\" must be a string");
  expectError(write({{"path", "a.txt"}}), "missing required parameter \"content\"");
  temp_.write("ws/a.txt", "x\n");
  expectError(read({{"path", "a.txt"}, {"offset", 0}}), "\"offset\" must be a whole number");
  expectError(read({{"path", "a.txt"}, {"limit", "ten"}}), "\"limit\" must be a whole number");
  expectError(read({{"path", "a.txt"}, {"limit", 1.5}}), "\"limit\" must be a whole number");
  EXPECT_FALSE(read({{"path", "a.txt"}, {"limit", 2.0}}).isError);
}

TEST_F(ToolFiles, ReadPagesWithOffsetAndLimit) {
  std::string text;
  for (int i = 1; i <= 10; ++i) text += "line " + std::to_string(i) + "\n";
  temp_.write("ws/ten.txt", text);
  const ToolResult page = read({{"path", "ten.txt"}, {"offset", 3}, {"limit", 2}});
  EXPECT_EQ(page.output, "line 3\nline 4\n\n[Showing lines 3-4 of 10. Use offset=5 to continue.]");
  EXPECT_EQ(read({{"path", "ten.txt"}, {"offset", 10}}).output, "line 10\n");
  expectError(read({{"path", "ten.txt"}, {"offset", 11}}), "beyond the end");
}

TEST_F(ToolFiles, ReadCapsLinesAndBytes) {
  std::string many;
  for (std::size_t i = 0; i < kReadMaxLines + 5; ++i) many += "x\n";
  temp_.write("ws/many.txt", many);
  const ToolResult lines = read({{"path", "many.txt"}});
  EXPECT_NE(lines.output.find("[Showing lines 1-2000 of 2005. Use offset=2001 to continue.]"),
            std::string::npos);
  temp_.write("ws/wide.txt", std::string(kReadMaxBytes + 10, 'w') + "\nnext\n");
  const ToolResult wide = read({{"path", "wide.txt"}});
  EXPECT_NE(wide.output.find("is longer than 50 KB"), std::string::npos);
  EXPECT_EQ(wide.output.find(std::string(kReadMaxBytes, 'w')), 0u);
}

TEST_F(ToolFiles, ReadRefusesBinaryMissingAndDirectories) {
  temp_.write("ws/blob.bin", std::string("ELF\0\1\2", 6));
  expectError(read({{"path", "blob.bin"}}), "binary file");
  expectError(read({{"path", "missing.txt"}}), "file not found: missing.txt");
  fs::create_directories(context_.workspace / "dir");
  expectError(read({{"path", "dir"}}), "is a directory");
  temp_.write("ws/empty.txt", "");
  EXPECT_EQ(read({{"path", "empty.txt"}}).output, "(empty file)");
}

TEST_F(ToolFiles, EditReplacesUniqueMatches) {
  temp_.write("ws/code.txt", "alpha\nbeta\ngamma\n");
  const ToolResult result = edit({{"path", "code.txt"},
                                  {"edits",
                                   {{{"oldText", "gamma"}, {"newText", "GAMMA"}},
                                    {{"oldText", "beta\n"}, {"newText", "b\n"}}}}});
  ASSERT_FALSE(result.isError) << result.output;
  EXPECT_EQ(contents("code.txt"), "alpha\nb\nGAMMA\n");
  EXPECT_EQ(result.details["firstChangedLine"], 2);
  // The legacy single-replacement form.
  ASSERT_FALSE(edit({{"path", "code.txt"}, {"oldText", "alpha"}, {"newText", "A"}}).isError);
  EXPECT_EQ(contents("code.txt"), "A\nb\nGAMMA\n");
}

TEST_F(ToolFiles, EditErrorsLeaveTheFileUntouched) {
  temp_.write("ws/code.txt", "same\nsame\nother\n");
  const json bad = {{"oldText", "missing"}, {"newText", "x"}};
  expectError(edit({{"path", "code.txt"}, {"oldText", "missing"}, {"newText", "x"}}),
              "oldText was not found in code.txt");
  expectError(edit({{"path", "code.txt"}, {"oldText", "same"}, {"newText", "x"}}),
              "occurs 2 times");
  expectError(
      edit({{"path", "code.txt"}, {"edits", {{{"oldText", "other"}, {"newText", "o"}}, bad}}}),
      "edits[1] was not found");
  expectError(edit({{"path", "code.txt"},
                    {"edits",
                     {{{"oldText", "same\nother"}, {"newText", "1"}},
                      {{"oldText", "other\n"}, {"newText", "2"}}}}}),
              "overlap");
  expectError(edit({{"path", "code.txt"}, {"oldText", "other"}, {"newText", "other"}}),
              "would not change");
  expectError(edit({{"path", "code.txt"}, {"oldText", ""}, {"newText", "x"}}), "is empty");
  expectError(edit({{"path", "code.txt"}, {"edits", json::array()}}), "non-empty array");
  expectError(edit({{"path", "code.txt"}, {"edits", {{{"oldText", 1}}}}}),
              "edits[0].oldText is required");
  expectError(edit({{"path", "nope.txt"}, {"oldText", "a"}, {"newText", "b"}}), "file not found");
  EXPECT_EQ(contents("code.txt"), "same\nsame\nother\n");
}

}  // namespace
}  // namespace openclaw::agent::tools
