#include <gtest/gtest.h>

#include "agent/tools/tool_error.h"
#include "agent/tools/workspace_path.h"
#include "temp_dir.h"

namespace openclaw::agent::tools {
namespace {

namespace fs = std::filesystem;

class ToolWorkspacePath : public ::testing::Test {
 protected:
  ToolWorkspacePath() {
    fs::create_directories(workspace());
    root_ = fs::canonical(workspace());
  }
  fs::path workspace() const { return temp_.path() / "ws"; }
  fs::path resolve(const std::string& path) const {
    return resolveWorkspacePath(workspace(), path);
  }
  // The refusal message for `path`; fails the test when the path is accepted.
  std::string refusal(const std::string& path) const {
    try {
      const fs::path accepted = resolve(path);
      ADD_FAILURE() << path << " was accepted as " << accepted;
    } catch (const ToolError& error) {
      return error.what();
    }
    return {};
  }

  testsupport::TempDir temp_;
  fs::path root_;
};

TEST_F(ToolWorkspacePath, RelativeAndAbsolutePathsInsideResolveUnderTheWorkspace) {
  temp_.write("ws/src/main.cpp", "int main() {}");
  EXPECT_EQ(resolve("src/main.cpp"), root_ / "src/main.cpp");
  EXPECT_EQ(resolve("./src/../src/main.cpp"), root_ / "src/main.cpp");
  EXPECT_EQ(resolve((workspace() / "src/main.cpp").string()), root_ / "src/main.cpp");
  EXPECT_EQ(resolve("."), root_);
  EXPECT_EQ(resolve("new/dir/file.txt"), root_ / "new/dir/file.txt");
}

TEST_F(ToolWorkspacePath, DotDotEscapesAreRefused) {
  EXPECT_NE(refusal("../outside.txt").find("outside the workspace"), std::string::npos);
  refusal("a/../../x");
  refusal("src/../../ws/../../etc/passwd");
  refusal((workspace() / ".." / "x").string());
}

TEST_F(ToolWorkspacePath, AbsolutePathsOutsideAreRefused) {
  refusal("/etc/passwd");
  refusal("/");
  refusal((temp_.path() / "ws-sibling/file").string());  // shares the prefix, not the directory
  refusal("~/.ssh/id_rsa");
}

TEST_F(ToolWorkspacePath, SymlinkToAFileOutsideIsRefused) {
  fs::create_symlink("/etc/hostname", workspace() / "host");
  EXPECT_NE(refusal("host").find("points outside the workspace"), std::string::npos);
}

TEST_F(ToolWorkspacePath, SymlinkedDirectoryOutsideIsRefusedForPathsBelowIt) {
  fs::create_symlink("/etc", workspace() / "etc");
  refusal("etc/passwd");
  refusal("etc/new-file");
  fs::create_directories(workspace() / "deep");
  fs::create_symlink(temp_.path(), workspace() / "deep/up");
  refusal("deep/up/ws/x");
}

TEST_F(ToolWorkspacePath, DanglingSymlinksAreRefused) {
  fs::create_symlink(temp_.path() / "does-not-exist", workspace() / "dangling");
  EXPECT_NE(refusal("dangling").find("dangling"), std::string::npos);
  fs::create_symlink("missing-inside", workspace() / "dangling-inside");
  refusal("dangling-inside");
}

TEST_F(ToolWorkspacePath, SymlinksThatStayInsideAreFollowed) {
  temp_.write("ws/real/file.txt", "x");
  fs::create_symlink("real", workspace() / "alias");
  fs::create_symlink(workspace() / "real/file.txt", workspace() / "file-link");
  EXPECT_EQ(resolve("alias/file.txt"), root_ / "real/file.txt");
  EXPECT_EQ(resolve("file-link"), root_ / "real/file.txt");
}

TEST_F(ToolWorkspacePath, WorkspaceReachedThroughASymlinkStillConfines) {
  const fs::path linkedWorkspace = temp_.path() / "ws-link";
  fs::create_symlink(workspace(), linkedWorkspace);
  EXPECT_EQ(resolveWorkspacePath(linkedWorkspace, "a.txt"), root_ / "a.txt");
  EXPECT_EQ(resolveWorkspacePath(linkedWorkspace, (linkedWorkspace / "a.txt").string()),
            root_ / "a.txt");
  EXPECT_THROW(resolveWorkspacePath(linkedWorkspace, "../ws/a.txt"), ToolError);
}

TEST_F(ToolWorkspacePath, BadInputIsRefused) {
  refusal("");
  refusal(std::string("a\0b", 3));
  temp_.write("ws/file", "x");
  EXPECT_NE(refusal("file/child").find("not a directory"), std::string::npos);
  EXPECT_THROW(resolveWorkspacePath(temp_.path() / "missing-ws", "a"), ToolError);
}

}  // namespace
}  // namespace openclaw::agent::tools
