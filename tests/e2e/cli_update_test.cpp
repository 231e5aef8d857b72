// `openclaw update status` on the binary under test (built from source, never a package) and
// `openclaw update`, which this build refuses.
#include <gtest/gtest.h>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

TEST(CliUpdate, StatusReportsThisSourceBuild) {
  TempHome home;
  const auto result = runCli({"update", "status", "--json"}, home.path());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const nlohmann::json status = nlohmann::json::parse(result.out);
  EXPECT_EQ(status["version"], OPENCLAW_VERSION);
  EXPECT_EQ(status["executable"], std::filesystem::canonical(binaryPath()).string());
  EXPECT_EQ(status["update"]["installKind"], "source");
  EXPECT_EQ(status["selfUpdate"], false);
  // The same commit and build type as --version.
  const auto version = runCli({"--version"}, home.path());
  const std::string commit = status["commit"].is_null() ? "unknown" : status["commit"];
  EXPECT_TRUE(contains(version.out,
                       "(commit " + commit + ", " + status["buildType"].get<std::string>() + ")"))
      << version.out;

  const auto text = runCli({"update", "status"}, home.path());
  EXPECT_EQ(text.exitCode, 0);
  EXPECT_TRUE(contains(text.out, "built from source")) << text.out;
}

TEST(CliUpdate, UpdatingIsRefusedWithTheWayToUpgrade) {
  TempHome home;
  for (const std::vector<std::string>& args : {std::vector<std::string>{"update"},
                                               {"update", "wizard"},
                                               {"update", "--channel", "beta"}}) {
    const auto result = runCli(args, home.path());
    EXPECT_EQ(result.exitCode, 1) << args.back();
    EXPECT_EQ(result.out, "");
    EXPECT_TRUE(contains(result.err, "never updates itself")) << result.err;
    EXPECT_TRUE(contains(result.err, "rebuild")) << result.err;
  }
}

}  // namespace
}  // namespace openclaw::e2e
