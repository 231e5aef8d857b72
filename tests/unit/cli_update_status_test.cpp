// `openclaw update status`: who owns the executable per dpkg-query, and the report's shape.
#include <gtest/gtest.h>

#include "cli/update_status.h"

namespace openclaw::cli {
namespace {

InstallInfo packaged() {
  return InstallInfo{"2026.9.6", "1a2b3c4", "Release", "/usr/bin/openclaw", "2026.9.6-1"};
}

TEST(UpdateStatus, DpkgOwnerIsThePackageOpenclawForExactlyThatPath) {
  const std::filesystem::path exe = "/usr/bin/openclaw";
  EXPECT_TRUE(dpkgOutputOwnsPath("openclaw: /usr/bin/openclaw\n", exe));
  EXPECT_TRUE(dpkgOutputOwnsPath("openclaw:amd64: /usr/bin/openclaw\n", exe));
  EXPECT_TRUE(dpkgOutputOwnsPath("other, openclaw: /usr/bin/openclaw\n", exe));
  EXPECT_FALSE(dpkgOutputOwnsPath("openclaw-tools: /usr/bin/openclaw\n", exe));
  EXPECT_FALSE(dpkgOutputOwnsPath("openclaw: /usr/bin/openclaw-helper\n", exe));
  EXPECT_FALSE(dpkgOutputOwnsPath("diversion by foo from: /usr/bin/openclaw\n", exe));
  EXPECT_FALSE(
      dpkgOutputOwnsPath("dpkg-query: no path found matching pattern /usr/bin/openclaw\n", exe));
  EXPECT_FALSE(dpkgOutputOwnsPath("", exe));
}

TEST(UpdateStatus, PackagedInstallIsReportedWithItsPackageVersion) {
  const nlohmann::json json = updateStatusJson(packaged());
  EXPECT_EQ(json["version"], "2026.9.6");
  EXPECT_EQ(json["commit"], "1a2b3c4");
  EXPECT_EQ(json["buildType"], "Release");
  EXPECT_EQ(json["executable"], "/usr/bin/openclaw");
  EXPECT_EQ(json["update"]["installKind"], "package");
  EXPECT_EQ(json["update"]["packageManager"], "dpkg");
  EXPECT_EQ(json["update"]["package"]["version"], "2026.9.6-1");
  EXPECT_EQ(json["selfUpdate"], false);
  EXPECT_EQ(json["availability"]["checked"], false);
  EXPECT_EQ(json["availability"]["available"], false);
  EXPECT_NE(json["upgrade"].get<std::string>().find(".deb"), std::string::npos);
  const std::string text = updateStatusText(packaged());
  EXPECT_NE(text.find("Debian package openclaw 2026.9.6-1"), std::string::npos) << text;
  EXPECT_NE(text.find("never updates itself"), std::string::npos) << text;
}

TEST(UpdateStatus, SourceBuildWithoutCommitSaysSo) {
  InstallInfo info = packaged();
  info.packageVersion.reset();
  info.commit = "unknown";
  const nlohmann::json json = updateStatusJson(info);
  EXPECT_EQ(json["update"]["installKind"], "source");
  EXPECT_FALSE(json["update"].contains("package"));
  EXPECT_TRUE(json["commit"].is_null());
  EXPECT_NE(updateStatusText(info).find("built from source"), std::string::npos);
  EXPECT_NE(updateStatusText(info).find("commit unknown"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::cli
