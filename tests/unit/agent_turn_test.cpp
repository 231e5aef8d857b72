// The HTTP APIs' agent turn: an ordinary run that reports its text, end and client tool calls
// to its caller and can be aborted at any point, also before it was admitted.
#include "httpapi/agent_turn.h"

#include <gtest/gtest.h>

#include "run_manager_fixture.h"

namespace openclaw::httpapi {
namespace {

using namespace runs::fixture;

class AgentTurnTest : public RunManagerTest {
 protected:
  struct Heard {
    std::optional<runs::AcceptedRun> accepted;
    std::vector<std::string> deltas;
    std::vector<AgentTurnEnd> ends;
  };

  std::shared_ptr<AgentTurn> start(AgentTurnRequest request) {
    AgentTurnHandlers handlers;
    handlers.onAccepted = [this](const runs::AcceptedRun& run) { heard.accepted = run; };
    handlers.onTextDelta = [this](const std::string& delta) { heard.deltas.push_back(delta); };
    handlers.onEnd = [this](const AgentTurnEnd& end) { heard.ends.push_back(end); };
    return AgentTurn::start(*manager, io, std::move(request), std::move(handlers));
  }

  static AgentTurnRequest hello() {
    AgentTurnRequest request;
    request.sessionKey = "agent:main:openai:one";
    request.message = "hello";
    return request;
  }

  Heard heard;
};

TEST_F(AgentTurnTest, ReportsTheTextAsItStreamsThenTheEndWithUsage) {
  model->scripts = {{{"Hel", "lo"}, textTurn("Hello"), {}, false}};
  auto turn = start(hello());
  EXPECT_FALSE(heard.accepted) << "nothing is called inside start()";
  runUntil([&] { return !heard.ends.empty(); });
  ASSERT_TRUE(heard.accepted);
  EXPECT_EQ(heard.deltas, (std::vector<std::string>{"Hel", "lo"}));
  ASSERT_EQ(heard.ends.size(), 1u);
  const AgentTurnEnd& end = heard.ends[0];
  EXPECT_EQ(end.status, runs::RunStatus::Ok);
  EXPECT_EQ(end.text, "Hello");
  EXPECT_EQ(end.stopReason, "stop");
  EXPECT_EQ(end.usage.inputTokens, 3);
  EXPECT_EQ(end.usage.outputTokens, 5);
  EXPECT_EQ(end.runId, heard.accepted->runId);
  EXPECT_EQ(end.sessionKey, "agent:main:openai:one");
  EXPECT_FALSE(end.refusal);
  // Operators saw the same run.
  EXPECT_EQ(sink.named("chat").back().at("runId"), end.runId);
}

TEST_F(AgentTurnTest, HandsClientToolCallsBack) {
  model->scripts = {
      {{}, {"", {{"call-9", "lookup", {{"q", "x"}}}}, "tool_calls", {1, 1}}, {}, false}};
  AgentTurnRequest request = hello();
  request.clientTools = {{"lookup", "", {{"type", "object"}}}};
  auto turn = start(std::move(request));
  runUntil([&] { return !heard.ends.empty(); });
  const AgentTurnEnd& end = heard.ends[0];
  EXPECT_EQ(end.stopReason, "tool_calls");
  ASSERT_EQ(end.toolCalls.size(), 1u);
  EXPECT_EQ(end.toolCalls[0].name, "lookup");
}

TEST_F(AgentTurnTest, AnAbortBeforeAdmissionEndsTheRunOnceItIsQueued) {
  model->scripts = {{{}, textTurn("never"), {}, true}};
  auto turn = start(hello());
  turn->abort();
  runUntil([&] { return !heard.ends.empty(); });
  EXPECT_EQ(heard.ends[0].status, runs::RunStatus::Aborted);
  EXPECT_EQ(heard.ends[0].stopReason, "aborted");
  io.run_for(50ms);
  EXPECT_EQ(heard.ends.size(), 1u);
  EXPECT_FALSE(manager->activeRun("agent:main:openai:one")) << "the session is free again";
}

TEST_F(AgentTurnTest, AClientThatGoesAwayMidStreamAbortsTheRun) {
  model->scripts = {{{"partial"}, {}, {}, true}};
  auto turn = start(hello());
  rpc::HttpClientLink client;
  turn->abortWhenGone(client);
  runUntil([&] { return !heard.deltas.empty(); });
  client.markGone();
  runUntil([&] { return !heard.ends.empty(); });
  EXPECT_EQ(heard.ends[0].status, runs::RunStatus::Aborted);
  EXPECT_EQ(heard.ends[0].text, "partial");
  EXPECT_TRUE(model->calls.at(0)->cancelled);
  EXPECT_EQ(sink.named("chat").back().at("state"), "aborted");
}

TEST_F(AgentTurnTest, ARefusedRunEndsWithTheRefusal) {
  modelError = "no model configured";
  auto turn = start(hello());
  runUntil([&] { return !heard.ends.empty(); });
  EXPECT_FALSE(heard.accepted);
  ASSERT_TRUE(heard.ends[0].refusal);
  EXPECT_EQ(heard.ends[0].status, runs::RunStatus::Error);
  EXPECT_EQ(heard.ends[0].errorMessage, "no model configured");
  turn->abort();  // a no-op once ended
  io.run_for(20ms);
  EXPECT_EQ(heard.ends.size(), 1u);
}

}  // namespace
}  // namespace openclaw::httpapi
