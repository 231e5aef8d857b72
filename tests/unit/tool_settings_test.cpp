#include "config/tool_settings.h"

#include <gtest/gtest.h>

#include "agent/tools/builtin_tools.h"
#include "config/reload_plan.h"
#include "temp_dir.h"

namespace openclaw::config {
namespace {

class ToolSettingsTest : public ::testing::Test {
 protected:
  ConfigFile load(const std::string& text) const {
    return ConfigFile::load(temp_.write("openclaw.json", text));
  }
  InstancePaths paths() const {
    InstancePaths paths;
    paths.stateDir = temp_.path() / "state";
    return paths;
  }
  std::vector<std::string> toolNames(const ToolSettings& settings) const {
    std::vector<std::string> names;
    for (const auto& tool : agent::tools::builtinTools(settings)) {
      names.push_back(tool->definition().name);
    }
    return names;
  }

  testsupport::TempDir temp_;
};

TEST_F(ToolSettingsTest, DefaultsAreAStateDirWorkspaceAndAnAllowlistThatAsks) {
  const ToolSettings settings = resolveToolSettings(load("{}"), paths());
  EXPECT_EQ(settings.workspace, temp_.path() / "state" / "workspace");
  EXPECT_EQ(settings.exec.security, ExecSecurity::Allowlist);
  EXPECT_EQ(settings.exec.ask, ExecAsk::OnMiss);
  EXPECT_TRUE(settings.exec.safeBins.empty());
  EXPECT_EQ(settings.exec.timeoutSec, 1800);
  EXPECT_EQ(toolNames(settings), (std::vector<std::string>{"read", "write", "edit", "exec"}));
}

TEST_F(ToolSettingsTest, ReadsEveryKey) {
  const ToolSettings settings = resolveToolSettings(
      load("{ agents: { defaults: { workspace: '/srv/agent' } },"
           "  tools: { allow: ['group:fs', 'exec'], deny: ['write'],"
           "    exec: { security: 'full', ask: 'always', safeBins: ['ls', '/usr/bin/git'],"
           "            timeoutSec: 60 } } }"),
      paths());
  EXPECT_EQ(settings.workspace, "/srv/agent");
  EXPECT_EQ(settings.exec.security, ExecSecurity::Full);
  EXPECT_EQ(settings.exec.ask, ExecAsk::Always);
  EXPECT_EQ(settings.exec.safeBins, (std::vector<std::string>{"ls", "/usr/bin/git"}));
  EXPECT_EQ(settings.exec.timeoutSec, 60);
  EXPECT_EQ(toolNames(settings), (std::vector<std::string>{"read", "edit", "exec"}));
}

TEST_F(ToolSettingsTest, AllowAndDenyListsFilterTheToolSet) {
  ToolSettings settings;
  settings.allow = {"read"};
  EXPECT_EQ(toolNames(settings), std::vector<std::string>{"read"});
  settings.allow = {"*"};
  settings.deny = {"group:runtime"};
  EXPECT_EQ(toolNames(settings), (std::vector<std::string>{"read", "write", "edit"}));
  settings.deny = {};
  settings.exec.security = ExecSecurity::Deny;
  EXPECT_EQ(toolNames(settings), (std::vector<std::string>{"read", "write", "edit"}));
  EXPECT_TRUE(agent::tools::toolAllowed(settings, "web_fetch"));
  settings.deny = {"*"};
  EXPECT_TRUE(toolNames(settings).empty());
}

TEST_F(ToolSettingsTest, WebFetchReachesPrivateNetworksOnlyWhenAllowed) {
  EXPECT_FALSE(resolveToolSettings(load("{}"), paths()).webFetch.allowPrivateNetwork);
  const ToolSettings allowed =
      resolveToolSettings(load("{ tools: { web: { fetch: { ssrfPolicy: { "
                               "dangerouslyAllowPrivateNetwork: true } } } } }"),
                          paths());
  EXPECT_TRUE(allowed.webFetch.allowPrivateNetwork);
  EXPECT_THROW(resolveToolSettings(load("{ tools: { web: { fetch: { ssrfPolicy: { "
                                        "dangerouslyAllowPrivateNetwork: 1 } } } } }"),
                                   paths()),
               ConfigError);
}

TEST_F(ToolSettingsTest, WrongTypesAndValuesAreConfigErrors) {
  EXPECT_THROW(resolveToolSettings(load("{ tools: { exec: { security: 'yolo' } } }"), paths()),
               ConfigError);
  EXPECT_THROW(resolveToolSettings(load("{ tools: { exec: { ask: true } } }"), paths()),
               ConfigError);
  EXPECT_THROW(resolveToolSettings(load("{ tools: { allow: 'read' } }"), paths()), ConfigError);
  EXPECT_THROW(resolveToolSettings(load("{ tools: { deny: [1] } }"), paths()), ConfigError);
  EXPECT_THROW(resolveToolSettings(load("{ tools: { exec: { timeoutSec: 0 } } }"), paths()),
               ConfigError);
  EXPECT_THROW(resolveToolSettings(load("{ agents: { defaults: { workspace: 3 } } }"), paths()),
               ConfigError);
}

TEST_F(ToolSettingsTest, ChangesApplyThroughARestart) {
  GatewaySettings before;
  before.tools = resolveToolSettings(load("{}"), paths());
  GatewaySettings after = before;
  EXPECT_TRUE(planReload(before, after).empty());
  after.tools.exec.safeBins = {"git"};
  EXPECT_EQ(planReload(before, after).restart, std::vector<std::string>{"tools"});
}

}  // namespace
}  // namespace openclaw::config
