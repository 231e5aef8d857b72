// The agent-first `model` ids of the OpenAI-compatible APIs and where a request's turn goes.
#include "httpapi/openai_agent_target.h"

#include <gtest/gtest.h>

namespace openclaw::httpapi {
namespace {

config::AgentSettings twoAgents() {
  config::AgentSettings agents;
  config::AgentEntrySettings main;
  main.id = "main";
  config::AgentEntrySettings research;
  research.id = "Research";
  research.isDefault = true;
  agents.list = {main, research};
  return agents;
}

std::string errorOf(const AgentTargetRequest& request, const config::AgentSettings& agents) {
  auto target = resolveAgentTarget(request, agents);
  return target ? "<accepted>" : target.error().message;
}

TEST(OpenAiAgentTarget, ModelIdsNameAgents) {
  const config::AgentSettings agents = twoAgents();
  EXPECT_EQ(agentOfModelId("openclaw", agents), "research");
  EXPECT_EQ(agentOfModelId("OpenClaw/Default", agents), "research");
  EXPECT_EQ(agentOfModelId("openclaw/main", agents), "main");
  EXPECT_EQ(agentOfModelId("openclaw:Main", agents), "main");
  EXPECT_EQ(agentOfModelId("agent:research", agents), "research");
  EXPECT_EQ(agentOfModelId("gpt-4o", agents), std::nullopt);
  EXPECT_EQ(agentOfModelId("openclaw/", agents), std::nullopt);
  EXPECT_EQ(agentOfModelId("openclaw/-x", agents), std::nullopt);
  EXPECT_EQ(agentOfModelId("openclaw/" + std::string(65, 'a'), agents), std::nullopt);
  EXPECT_TRUE(isAgentModelId("openclaw/" + std::string(64, 'a')));
  EXPECT_FALSE(isAgentModelId("openclaw/a b"));
  EXPECT_FALSE(isAgentModelId(std::string(100000, 'o')));
}

TEST(OpenAiAgentTarget, TheListHasTheAliasesThenEveryConfiguredAgent) {
  EXPECT_EQ(listedModelIds(twoAgents()),
            (std::vector<std::string>{"openclaw", "openclaw/default", "openclaw/main",
                                      "openclaw/research"}));
  EXPECT_EQ(listedModelIds({}),
            (std::vector<std::string>{"openclaw", "openclaw/default", "openclaw/main"}));
}

TEST(OpenAiAgentTarget, EachRequestGetsAFreshSessionByDefault) {
  AgentTargetRequest request;
  const auto first = resolveAgentTarget(request, {});
  const auto second = resolveAgentTarget(request, {});
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->agentId, "main");
  EXPECT_EQ(first->sessionKey.rfind("agent:main:openai:", 0), 0u) << first->sessionKey;
  EXPECT_NE(first->sessionKey, second->sessionKey);
}

TEST(OpenAiAgentTarget, TheUserFieldNamesAStableSessionOfTheModelsAgent) {
  AgentTargetRequest request;
  request.model = "openclaw/main";
  request.user = " Conv:42 ";
  const auto target = resolveAgentTarget(request, twoAgents());
  ASSERT_TRUE(target);
  EXPECT_EQ(target->agentId, "main");
  EXPECT_EQ(target->sessionKey, "agent:main:openai-user:conv:42");
  request.sessionPrefix = "openresponses";
  EXPECT_EQ(resolveAgentTarget(request, twoAgents())->sessionKey,
            "agent:main:openresponses-user:conv:42");
  request.user = std::string(kMaxUserLength + 1, 'u');
  EXPECT_EQ(errorOf(request, twoAgents()), "`user` is longer than 512 characters.");
}

TEST(OpenAiAgentTarget, TheAgentHeaderWinsOverTheModel) {
  AgentTargetRequest request;
  request.model = "openclaw/main";
  request.agentHeader = "research";
  EXPECT_EQ(resolveAgentTarget(request, twoAgents())->agentId, "research");
  request.agentHeader = "nobody";
  EXPECT_EQ(errorOf(request, twoAgents()), "Unknown agent 'nobody'.");
  request.agentHeader = "bad id!";
  EXPECT_EQ(errorOf(request, twoAgents()), "Unknown agent 'bad id!'.");
}

TEST(OpenAiAgentTarget, UnknownAgentsAndNonAgentModelsAreRefused) {
  AgentTargetRequest request;
  request.model = "openclaw/ghost";
  EXPECT_EQ(errorOf(request, twoAgents()), "Unknown agent 'ghost'.");
  request.model = "gpt-4o";
  EXPECT_EQ(errorOf(request, twoAgents()),
            "Invalid `model`. Use `openclaw` or `openclaw/<agentId>`.");
}

TEST(OpenAiAgentTarget, AnExplicitSessionKeyIsUsedUnlessItIsReserved) {
  AgentTargetRequest request;
  request.sessionKeyHeader = "My-Thread";
  request.user = "ignored";
  EXPECT_EQ(resolveAgentTarget(request, {})->sessionKey, "agent:main:my-thread");
  request.sessionKeyHeader = "agent:research:work";
  const auto target = resolveAgentTarget(request, twoAgents());
  EXPECT_EQ(target->sessionKey, "agent:research:work");
  EXPECT_EQ(target->agentId, "research");
  for (const char* reserved :
       {"subagent:x", "CRON:nightly", "acp:1", "agent:main:subagent:x", "agent:main:cron:job"}) {
    request.sessionKeyHeader = reserved;
    EXPECT_EQ(errorOf(request, twoAgents()),
              "`x-openclaw-session-key` cannot use reserved internal session namespaces.")
        << reserved;
  }
  request.sessionKeyHeader = "agent::x";
  EXPECT_EQ(errorOf(request, twoAgents()), "`x-openclaw-session-key` is not a valid session key.");
}

}  // namespace
}  // namespace openclaw::httpapi
