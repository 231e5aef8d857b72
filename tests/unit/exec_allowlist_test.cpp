#include "approvals/exec_allowlist.h"

#include <gtest/gtest.h>

#include "core/executable_lookup.h"
#include "core/files.h"
#include "temp_dir.h"

namespace openclaw::approvals {
namespace {

TEST(ExecAllowlist, RemembersResolvedExecutablesAcrossASaveAndLoad) {
  testsupport::TempDir dir;
  const auto path = dir.path() / "exec-approvals.json";
  ExecAllowlist allowlist = ExecAllowlist::load(path);  // a missing file: empty
  const ResolvedProgram echo = resolveProgram("echo", dir.path(), core::processPath());
  const ResolvedProgram sh = resolveProgram("sh", dir.path(), core::processPath());
  ASSERT_TRUE(echo.executable.has_value());
  EXPECT_FALSE(allowlist.covers({echo}));

  EXPECT_TRUE(allowlist.add({echo}, "echo hi", 1000));
  EXPECT_FALSE(allowlist.add({echo}, "echo again", 2000));  // already listed
  EXPECT_TRUE(allowlist.covers({echo}));
  EXPECT_FALSE(allowlist.covers({echo, sh}));  // every program must be listed
  EXPECT_FALSE(allowlist.covers({}));

  core::writeFileAtomic(path, allowlist.serialize());
  const ExecAllowlist reloaded = ExecAllowlist::load(path);
  EXPECT_TRUE(reloaded.covers({echo}));
  EXPECT_FALSE(reloaded.covers({sh}));
}

TEST(ExecAllowlist, ProgramsThatDoNotResolveAreNeverCovered) {
  testsupport::TempDir dir;
  ExecAllowlist allowlist = ExecAllowlist::load(dir.path() / "none.json");
  const ResolvedProgram missing = resolveProgram("./not-here", dir.path(), core::processPath());
  EXPECT_FALSE(missing.executable.has_value());
  EXPECT_FALSE(allowlist.add({missing}, "./not-here", 1));
  EXPECT_FALSE(allowlist.covers({missing}));
}

// A relative path never falls back to PATH: "./echo" is not /usr/bin/echo, with or without a
// working directory given.
TEST(ExecAllowlist, RelativePathsResolveInTheWorkingDirectoryOnly) {
  testsupport::TempDir dir;
  EXPECT_FALSE(resolveProgram("./echo", dir.path(), core::processPath()).executable);
  EXPECT_FALSE(resolveProgram("./echo", "", core::processPath()).executable);
  const ResolvedProgram shell = resolveProgram("sh", "", core::processPath());
  ASSERT_TRUE(shell.executable.has_value());
  EXPECT_EQ(shell.executable->front(), '/');
}

TEST(ExecAllowlist, AMalformedFileIsAnErrorNamingIt) {
  testsupport::TempDir dir;
  const auto path = dir.path() / "exec-approvals.json";
  for (const char* text : {"not json", R"({"allowlist": {}})", R"({"allowlist": [{"pattern": 1}]})",
                           R"({"allowlist": [{"pattern": "/bin/x", "addedAtMs": "soon"}]})"}) {
    core::writeFileAtomic(path, text);
    try {
      ExecAllowlist::load(path);
      ADD_FAILURE() << "accepted " << text;
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace openclaw::approvals
