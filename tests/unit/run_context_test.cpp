#include "runs/run_context.h"

#include <gtest/gtest.h>

#include "sessions/transcript_message.h"

namespace openclaw::runs {
namespace {

using sessions::TranscriptEntry;

TranscriptEntry user(std::int64_t seq, const std::string& runId, const std::string& text) {
  return {seq, runId, sessions::userEntry(text, seq)};
}

TranscriptEntry reply(std::int64_t seq, const std::string& runId, const std::string& text,
                      std::vector<agent::ToolCall> calls = {}) {
  return {seq, runId, sessions::assistantEntry({text, std::move(calls), "stop", {}}, seq)};
}

std::vector<std::string> texts(const std::vector<agent::Message>& messages) {
  std::vector<std::string> out;
  for (const auto& message : messages) out.push_back(message.role + ":" + message.text);
  return out;
}

TEST(RunContext, QueuedMessageFollowsTheReplyItWaitedFor) {
  // u2 was accepted (and stored) while run 1 was still answering u1.
  const std::vector<TranscriptEntry> entries = {user(1, "r1", "u1"), user(2, "r2", "u2"),
                                                user(3, "r3", "u3"), reply(4, "r1", "a1")};
  EXPECT_EQ(texts(contextMessages(entries, "r2", {"r3"})),
            (std::vector<std::string>{"user:u1", "assistant:a1", "user:u2"}));
}

TEST(RunContext, LaterRunsSeeEarlierTurnsInConversationOrder) {
  const std::vector<TranscriptEntry> entries = {user(1, "r1", "u1"), user(2, "r2", "u2"),
                                                reply(3, "r1", "a1"), reply(4, "r2", "a2"),
                                                user(5, "r3", "u3")};
  EXPECT_EQ(
      texts(contextMessages(entries, "r3", {})),
      (std::vector<std::string>{"user:u1", "assistant:a1", "user:u2", "assistant:a2", "user:u3"}));
}

TEST(RunContext, UnansweredToolCallsAreDropped) {
  agent::ToolCall answered{"c1", "read", {{"path", "a"}}};
  agent::ToolCall dangling{"c2", "read", {{"path", "b"}}};
  std::vector<TranscriptEntry> entries = {user(1, "r1", "u1"),
                                          reply(2, "r1", "", {answered, dangling})};
  entries.push_back({3, "r1", sessions::toolResultEntry(answered, {"contents", false, {}}, 3)});
  entries.push_back(user(4, "r2", "u2"));
  const auto messages = contextMessages(entries, "r2", {});
  ASSERT_EQ(messages.size(), 4u);
  ASSERT_EQ(messages[1].toolCalls.size(), 1u);
  EXPECT_EQ(messages[1].toolCalls[0].id, "c1");
  EXPECT_EQ(messages[2].role, "tool");
  EXPECT_EQ(messages[2].toolCallId, "c1");
  EXPECT_EQ(messages[2].text, "contents");
}

TEST(RunContext, ErrorEntriesWithoutContentAreSkipped) {
  agent::AssistantTurn failed;
  failed.stopReason = "error";
  const std::vector<TranscriptEntry> entries = {
      user(1, "r1", "u1"),
      {2, "r1", sessions::assistantEntry(failed, 2, "model call failed")},
      user(3, "r2", "u2")};
  EXPECT_EQ(texts(contextMessages(entries, "r2", {})),
            (std::vector<std::string>{"user:u1", "user:u2"}));
}

}  // namespace
}  // namespace openclaw::runs
