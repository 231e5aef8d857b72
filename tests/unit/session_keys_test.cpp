#include "sessions/session_keys.h"

#include <gtest/gtest.h>

namespace openclaw::sessions {
namespace {

TEST(SessionKeys, MainKeyIsScopedToTheAgent) {
  EXPECT_EQ(mainSessionKey("main"), "agent:main:main");
  EXPECT_EQ(mainSessionKey("work"), "agent:work:main");
}

TEST(SessionKeys, AgentIdsAreNormalized) {
  EXPECT_EQ(normalizeAgentId(" Work "), "work");
  EXPECT_EQ(normalizeAgentId("a:b c"), "a-b-c");
  EXPECT_EQ(normalizeAgentId(""), "main");
  EXPECT_EQ(normalizeAgentId("::"), "main");
}

TEST(SessionKeys, CanonicalKeys) {
  EXPECT_EQ(canonicalSessionKey("main", "main"), "agent:main:main");
  EXPECT_EQ(canonicalSessionKey("  MAIN ", "ops"), "agent:ops:main");
  EXPECT_EQ(canonicalSessionKey("", "main"), "agent:main:main");
  EXPECT_EQ(canonicalSessionKey("Project-X", "main"), "agent:main:project-x");
  EXPECT_EQ(canonicalSessionKey("agent:Ops:Main", "main"), "agent:ops:main");
  EXPECT_EQ(canonicalSessionKey("agent:", "main"), std::nullopt);
  EXPECT_EQ(canonicalSessionKey("agent::main", "main"), std::nullopt);
  EXPECT_EQ(canonicalSessionKey("agent:ops", "main"), std::nullopt);
  EXPECT_EQ(canonicalSessionKey("agent:ops:", "main"), std::nullopt);
}

TEST(SessionKeys, AgentIdOfKey) {
  EXPECT_EQ(agentIdOfSessionKey("agent:ops:main"), "ops");
  EXPECT_EQ(agentIdOfSessionKey("agent:ops:whatsapp:direct:+1555"), "ops");
  EXPECT_EQ(agentIdOfSessionKey("main"), std::nullopt);
}

TEST(SessionKeys, DirectKeysFollowDmScope) {
  const DirectPeer peer{"WhatsApp", "biz", "+15550001"};
  EXPECT_EQ(directSessionKey("main", DmScope::Main, peer), "agent:main:main");
  EXPECT_EQ(directSessionKey("main", DmScope::PerPeer, peer), "agent:main:direct:+15550001");
  EXPECT_EQ(directSessionKey("main", DmScope::PerChannelPeer, peer),
            "agent:main:whatsapp:direct:+15550001");
  EXPECT_EQ(directSessionKey("main", DmScope::PerAccountChannelPeer, peer),
            "agent:main:whatsapp:biz:direct:+15550001");
  // Segments never smuggle in a separator.
  EXPECT_EQ(directSessionKey("main", DmScope::PerPeer, {"", "", "a:b"}), "agent:main:direct:a-b");
}

TEST(SessionKeys, DmScopeNames) {
  EXPECT_EQ(dmScopeNamed("per-peer"), DmScope::PerPeer);
  EXPECT_EQ(dmScopeNamed("per-channel-peer"), DmScope::PerChannelPeer);
  EXPECT_EQ(dmScopeNamed("per-account-channel-peer"), DmScope::PerAccountChannelPeer);
  EXPECT_EQ(dmScopeNamed("main"), DmScope::Main);
}

}  // namespace
}  // namespace openclaw::sessions
