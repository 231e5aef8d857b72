#include "nodes/node_command_policy.h"

#include <gtest/gtest.h>

namespace openclaw::nodes {
namespace {

TEST(NodeCommandPolicy, PlatformFamilyComesFromPlatformThenDeviceFamily) {
  EXPECT_EQ(nodePlatformFamily("iOS 17.2", ""), "ios");
  EXPECT_EQ(nodePlatformFamily(" Darwin", ""), "macos");
  EXPECT_EQ(nodePlatformFamily("macOS", ""), "macos");
  EXPECT_EQ(nodePlatformFamily("win32", ""), "windows");
  EXPECT_EQ(nodePlatformFamily("linux", ""), "linux");
  EXPECT_EQ(nodePlatformFamily("", "iPad"), "ios");
  EXPECT_EQ(nodePlatformFamily("custom", "Android phone"), "android");
  EXPECT_EQ(nodePlatformFamily("", ""), "unknown");
}

TEST(NodeCommandPolicy, PlatformDefaultsAllowTheirCommandsOnly) {
  const config::NodeCommandSettings none;
  EXPECT_EQ(commandPolicyRefusal(none, "linux", "", "system.run"), std::nullopt);
  EXPECT_EQ(commandPolicyRefusal(none, "linux", "", "system.info"), std::nullopt);
  EXPECT_EQ(commandPolicyRefusal(none, "ios", "", "camera.list"), std::nullopt);
  // iOS nodes get no host exec; dangerous commands are in no default.
  EXPECT_NE(commandPolicyRefusal(none, "ios", "", "system.run"), std::nullopt);
  EXPECT_NE(commandPolicyRefusal(none, "macos", "", "camera.snap"), std::nullopt);
  EXPECT_NE(commandPolicyRefusal(none, "android", "", "sms.send"), std::nullopt);
  const auto refusal = commandPolicyRefusal(none, "linux", "", "echo.test");
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->find("linux nodes"), std::string::npos) << *refusal;
  EXPECT_NE(refusal->find("gateway.nodes.allowCommands"), std::string::npos) << *refusal;
}

TEST(NodeCommandPolicy, AllowAddsExactNamesAndDenyWins) {
  config::NodeCommandSettings settings;
  settings.allowCommands = {" camera.snap ", "echo.*"};
  settings.denyCommands = {"system.run", ""};
  EXPECT_EQ(commandPolicyRefusal(settings, "macos", "", "camera.snap"), std::nullopt);
  EXPECT_NE(commandPolicyRefusal(settings, "macos", "", "echo.test"), std::nullopt);  // no globs
  const auto denied = commandPolicyRefusal(settings, "linux", "", "system.run");
  ASSERT_TRUE(denied);
  EXPECT_NE(denied->find("gateway.nodes.denyCommands"), std::string::npos) << *denied;
  settings.allowCommands.push_back("system.run");
  EXPECT_NE(commandPolicyRefusal(settings, "linux", "", "system.run"), std::nullopt);
  EXPECT_EQ(commandPolicyRefusal(settings, "linux", "", "system.which"), std::nullopt);
}

}  // namespace
}  // namespace openclaw::nodes
