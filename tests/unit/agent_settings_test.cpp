// agents.list: what the gateway reads of it, bad input, and that a change applies live.
#include "config/agent_settings.h"

#include <gtest/gtest.h>

#include "config/reload_plan.h"

namespace openclaw::config {
namespace {

using nlohmann::json;

ConfigFile configOf(json root) {
  ConfigFile config;
  config.path = "/test/openclaw.json";
  config.exists = true;
  config.root = std::move(root);
  return config;
}

AgentSettings resolve(json list) {
  return resolveAgentSettings(configOf({{"agents", {{"list", list}}}}));
}

std::string resolveError(json list) {
  try {
    resolve(std::move(list));
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(AgentSettings, NoListMeansNoConfiguredAgents) {
  EXPECT_TRUE(resolveAgentSettings(configOf(json::object())).list.empty());
  EXPECT_TRUE(
      resolveAgentSettings(configOf({{"agents", {{"defaults", json::object()}}}})).list.empty());
}

TEST(AgentSettings, ReadsIdsNamesIdentitiesAndTheDefault) {
  const AgentSettings agents =
      resolve({{{"id", "main"}, {"name", "Main"}},
               {{"id", "work"},
                {"default", true},
                {"identity", {{"name", "Clawd"}, {"emoji", "🦞"}, {"avatar", "https://x/a.png"}}},
                {"model", "openai/gpt-5"}}});  // upstream's per-agent keys are not read
  ASSERT_EQ(agents.list.size(), 2u);
  EXPECT_EQ(agents.list[0].id, "main");
  EXPECT_EQ(agents.list[0].name, "Main");
  EXPECT_FALSE(agents.list[0].isDefault);
  EXPECT_EQ(agents.list[1].identity.name, "Clawd");
  EXPECT_EQ(agents.list[1].identity.emoji, "🦞");
  EXPECT_EQ(agents.list[1].identity.avatar, "https://x/a.png");
  EXPECT_FALSE(agents.list[1].identity.theme);
  EXPECT_TRUE(agents.list[1].isDefault);
}

TEST(AgentSettings, ReadsUpstreamsKeyedEntriesThenTheOlderList) {
  const AgentSettings agents = resolveAgentSettings(
      configOf({{"agents",
                 {{"entries",
                   {{"work", {{"default", true}, {"identity", {{"name", "Clawd"}}}}},
                    {"home", json::object()}}},
                  {"list", {{{"id", "old"}}}}}}}));
  ASSERT_EQ(agents.list.size(), 3u);
  EXPECT_EQ(agents.list[0].id, "home");  // key order
  EXPECT_EQ(agents.list[1].id, "work");
  EXPECT_TRUE(agents.list[1].isDefault);
  EXPECT_EQ(agents.list[1].identity.name, "Clawd");
  EXPECT_EQ(agents.list[2].id, "old");
  const auto entriesError = [](json section) {
    try {
      resolveAgentSettings(configOf({{"agents", std::move(section)}}));
    } catch (const ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("(no error)");
  };
  EXPECT_NE(entriesError({{"entries", {"work"}}}).find("agents.entries"), std::string::npos);
  EXPECT_NE(entriesError({{"entries", {{"work", 1}}}}).find("agents.entries.work"),
            std::string::npos);
  EXPECT_NE(entriesError({{"entries", {{"work", json::object()}}}, {"list", {{{"id", "work"}}}}})
                .find("configured twice"),
            std::string::npos);
}

TEST(AgentSettings, RefusesMalformedListsWithThePlace) {
  EXPECT_NE(resolveError("main").find("agents.list"), std::string::npos);
  EXPECT_NE(resolveError({"main"}).find("must be an object"), std::string::npos);
  EXPECT_NE(resolveError({json::object()}).find("non-empty id"), std::string::npos);
  EXPECT_NE(resolveError({{{"id", "  "}}}).find("non-empty id"), std::string::npos);
  EXPECT_NE(resolveError({{{"id", 7}}}).find("agents.list.0.id"), std::string::npos);
  EXPECT_NE(resolveError({{{"id", "a"}}, {{"id", "a"}}}).find("configured twice"),
            std::string::npos);
  EXPECT_NE(resolveError({{{"id", "a"}, {"default", "yes"}}}).find("agents.list.0.default"),
            std::string::npos);
  EXPECT_NE(resolveError({{{"id", "a"}, {"identity", "Clawd"}}}).find("agents.list.0.identity"),
            std::string::npos);
  EXPECT_NE(resolveError({{{"id", "a"}, {"identity", {{"emoji", 1}}}}})
                .find("agents.list.0.identity.emoji"),
            std::string::npos);
  json tooMany = json::array();
  for (std::size_t i = 0; i <= kMaxConfiguredAgents; ++i)
    tooMany.push_back({{"id", std::to_string(i)}});
  EXPECT_NE(resolveError(tooMany).find("at most"), std::string::npos);
}

TEST(AgentSettings, ChangesApplyLive) {
  GatewaySettings before;
  GatewaySettings after;
  after.agents = resolve({{{"id", "main"}, {"identity", {{"name", "Clawd"}}}}});
  const ReloadPlan plan = planReload(before, after);
  EXPECT_EQ(plan.hot, std::vector<std::string>{"agents.entries"});
  EXPECT_TRUE(plan.restart.empty());
  applyHotSettings(before, after);
  EXPECT_EQ(before.agents, after.agents);
}

}  // namespace
}  // namespace openclaw::config
