// The run loop against a scripted in-test ModelProvider: tools, queueing, timeout, abort, wait.
#include "runs/run_manager.h"

#include <gtest/gtest.h>

#include "run_manager_fixture.h"

namespace openclaw::runs {
namespace {

using namespace fixture;

TEST_F(RunManagerTest, ToolCallThenFinalAnswer) {
  model->scripts = {{{}, toolTurn("buy milk"), {}, false},
                    {{"Do", "ne"}, textTurn("Done"), {}, false}};
  auto run = submit("remember milk");
  runUntil([&] { return run->ended.has_value(); });
  ASSERT_TRUE(run->accepted);
  const RunResult& result = run->ended->result;
  EXPECT_EQ(result.status, RunStatus::Ok);
  EXPECT_EQ(result.text, "Done");
  EXPECT_EQ(result.stopReason, "stop");
  EXPECT_EQ(tool->notes, std::vector<std::string>{"buy milk"});

  // The second request carries the tool call and its result; the system prompt names the tool.
  ASSERT_EQ(model->requests.size(), 2u);
  const auto& second = model->requests[1].messages;
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[0].text, "remember milk");
  EXPECT_EQ(second[1].toolCalls.at(0).name, "note");
  EXPECT_EQ(second[2].role, "tool");
  EXPECT_EQ(second[2].text, "noted");
  EXPECT_EQ(model->requests[0].model, "test-model");
  EXPECT_NE(model->requests[0].systemPrompt.find("note"), std::string::npos);

  // Every step is in the transcript before the run is reported ended.
  const auto entries = transcript(run->accepted->sessionId);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[1].message.at("content").at(0).at("type"), "toolCall");
  EXPECT_EQ(entries[2].message.at("role"), "toolResult");
  EXPECT_EQ(sessions::entryText(entries[3].message), "Done");

  // Events: lifecycle start, tool start/result, deltas, lifecycle end; seq strictly increasing.
  std::vector<std::string> streams;
  std::uint64_t lastSeq = 0;
  for (const json& event : sink.named("agent")) {
    EXPECT_EQ(event.at("runId"), run->accepted->runId);
    EXPECT_EQ(event.at("sessionKey"), "agent:main:main");
    EXPECT_GT(event.at("seq").get<std::uint64_t>(), lastSeq);
    lastSeq = event.at("seq");
    streams.push_back(event.at("stream").get<std::string>() + ":" +
                      event.at("data").value("phase", ""));
  }
  EXPECT_EQ(streams, (std::vector<std::string>{"lifecycle:start", "tool:start", "tool:result",
                                               "assistant:", "assistant:", "lifecycle:end"}));
  const auto chat = sink.named("chat");
  ASSERT_EQ(chat.size(), 3u);
  EXPECT_EQ(chat[1].at("deltaText"), "ne");
  EXPECT_EQ(chat[1].at("message").at("content").at(0).at("text"), "Done");
  EXPECT_EQ(chat[2].at("state"), "final");
  EXPECT_EQ(chat[2].at("seq"), lastSeq);
}

TEST_F(RunManagerTest, OneRunAtATimePerSessionAndQueuedRunsSeeEarlierReplies) {
  model->scripts = {{{}, {}, {}, true}, {{}, textTurn("second answer"), {}, false}};
  auto first = submit("first");
  auto second = submit("second");
  runUntil([&] { return second->accepted.has_value() && model->requests.size() == 1; });
  EXPECT_EQ(manager->activeRun("agent:main:main"), first->accepted->runId);
  io.run_for(50ms);
  EXPECT_EQ(model->requests.size(), 1u) << "the queued run must wait";

  model->calls[0]->complete(textTurn("first answer"));
  runUntil([&] { return second->ended.has_value(); });
  EXPECT_EQ(first->ended->result.text, "first answer");
  ASSERT_EQ(model->requests.size(), 2u);
  std::vector<std::string> seen;
  for (const auto& message : model->requests[1].messages) seen.push_back(message.text);
  EXPECT_EQ(seen, (std::vector<std::string>{"first", "first answer", "second"}));
}

TEST_F(RunManagerTest, TimeoutCancelsTheModelCallAndKeepsThePartialText) {
  model->scripts = {{{"partial"}, {}, {}, true}};
  auto run = submit("slow", 100ms);
  runUntil([&] { return run->ended.has_value(); });
  EXPECT_EQ(run->ended->result.status, RunStatus::Timeout);
  EXPECT_NE(run->ended->result.errorMessage.find("timed out"), std::string::npos);
  EXPECT_TRUE(model->calls.at(0)->cancelled);
  const auto entries = transcript(run->accepted->sessionId);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].message.at("stopReason"), "timeout");
  EXPECT_EQ(sessions::entryText(entries[1].message), "partial");
  const auto chat = sink.named("chat");
  EXPECT_EQ(chat.back().at("state"), "error");
  EXPECT_EQ(chat.back().at("errorKind"), "timeout");
  EXPECT_EQ(manager->activeRun("agent:main:main"), std::nullopt);
}

TEST_F(RunManagerTest, TimeoutDuringAToolFlagsItAndRecordsAFailedResult) {
  tool->blocking = true;
  model->scripts = {{{}, toolTurn("never"), {}, false}};
  auto run = submit("use the tool", 100ms);
  runUntil([&] { return run->ended.has_value(); });
  EXPECT_EQ(run->ended->result.status, RunStatus::Timeout);
  openGate();
  blocking.join();  // the tool returns; its late result is ignored
  io.run_for(20ms);
  EXPECT_TRUE(tool->sawCancel);
  EXPECT_EQ(model->requests.size(), 1u);
  const auto entries = transcript(run->accepted->sessionId);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[2].message.at("role"), "toolResult");
  EXPECT_EQ(entries[2].message.at("isError"), true);
}

TEST_F(RunManagerTest, AbortEndsTheActiveRunAndStartsTheNext) {
  model->scripts = {{{"thinking"}, {}, {}, true}, {{}, textTurn("next"), {}, false}};
  auto first = submit("one");
  auto second = submit("two");
  runUntil([&] { return !sink.named("chat").empty() && second->accepted.has_value(); });
  EXPECT_EQ(manager->abort("agent:main:main", std::nullopt),
            std::vector<std::string>{first->accepted->runId});
  runUntil([&] { return second->ended.has_value(); });
  EXPECT_EQ(first->ended->result.status, RunStatus::Aborted);
  EXPECT_EQ(second->ended->result.status, RunStatus::Ok);
  bool sawAborted = false;
  for (const json& event : sink.named("chat")) {
    if (event.at("runId") == first->accepted->runId && event.at("state") == "aborted") {
      sawAborted = true;
      EXPECT_EQ(event.at("message").at("content").at(0).at("text"), "thinking");
    }
  }
  EXPECT_TRUE(sawAborted);
  EXPECT_TRUE(manager->abort("agent:main:main", std::nullopt).empty());
}

TEST_F(RunManagerTest, AbortByRunIdRemovesAQueuedRun) {
  model->scripts = {{{}, {}, {}, true}};
  auto first = submit("one");
  auto second = submit("two");
  runUntil([&] { return second->accepted.has_value(); });
  EXPECT_EQ(manager->abort("agent:main:main", second->accepted->runId),
            std::vector<std::string>{second->accepted->runId});
  runUntil([&] { return second->ended.has_value(); });
  EXPECT_EQ(second->ended->result.status, RunStatus::Aborted);
  EXPECT_FALSE(first->ended.has_value());
  model->calls[0]->complete(textTurn("done"));
  runUntil([&] { return first->ended.has_value(); });
  EXPECT_EQ(model->requests.size(), 1u);
}

TEST_F(RunManagerTest, ModelErrorEndsTheRunWithTheReason) {
  model->scripts = {{{}, {}, agent::ModelError{"auth", "invalid api key", 401}, false}};
  auto run = submit("hello");
  runUntil([&] { return run->ended.has_value(); });
  EXPECT_EQ(run->ended->result.status, RunStatus::Error);
  EXPECT_NE(run->ended->result.errorMessage.find("invalid api key"), std::string::npos);
  EXPECT_EQ(sink.named("chat").back().at("state"), "error");
}

TEST_F(RunManagerTest, AnUnexpectedFailureEndsTheRunAsAnErrorAndFreesTheSession) {
  model->scripts = {{{}, {}, {}, false, /*throws=*/true}, {{}, textTurn("second"), {}, false}};
  auto first = submit("one");
  auto second = submit("two");
  runUntil([&] { return first->ended.has_value() && second->ended.has_value(); });
  EXPECT_EQ(first->ended->result.status, RunStatus::Error);
  EXPECT_NE(first->ended->result.errorMessage.find("provider bug"), std::string::npos);
  EXPECT_EQ(second->ended->result.status, RunStatus::Ok);
  EXPECT_EQ(second->ended->result.text, "second");
}

TEST_F(RunManagerTest, EndlessToolLoopsStop) {
  for (int i = 0; i < 40; ++i) model->scripts.push_back({{}, toolTurn("again"), {}, false});
  auto run = submit("loop");
  runUntil([&] { return run->ended.has_value(); });
  EXPECT_EQ(run->ended->result.status, RunStatus::Error);
  EXPECT_EQ(model->requests.size(), 32u);
}

TEST_F(RunManagerTest, WithoutAModelNothingIsStored) {
  modelError = "no model configured: set agents.defaults.model";
  auto run = submit("hello");
  runUntil([&] { return run->rejected.has_value(); });
  EXPECT_EQ(run->rejected->message, modelError);
  std::promise<std::size_t> count;
  boost::asio::post(storage, [&] { count.set_value(store.list({}).size()); });
  EXPECT_EQ(count.get_future().get(), 0u);
}

TEST_F(RunManagerTest, UnknownSessionIdIsRejected) {
  auto run = submit("hello", {}, {"", "no-such-session", "main", {}});
  runUntil([&] { return run->rejected.has_value(); });
  EXPECT_EQ(run->rejected->code, "INVALID_REQUEST");
  EXPECT_FALSE(run->accepted);
}

TEST_F(RunManagerTest, TheSessionsOwnModelIsAskedForByItsNextRun) {
  std::promise<void> patched;
  boost::asio::post(storage, [&] {
    sessions::SessionPatch patch;
    patch.model = "test/other-model";
    store.patch("agent:main:main", "main", patch, 1);
    patched.set_value();
  });
  patched.get_future().get();
  model->scripts = {{{}, textTurn("ok"), {}, false}, {{}, textTurn("ok"), {}, false}};
  auto run = submit("hello");
  runUntil([&] { return run->ended.has_value(); });
  auto elsewhere = submit("hello", {}, {"agent:main:other", "", "main", {}});
  runUntil([&] { return elsewhere->ended.has_value(); });
  EXPECT_EQ(modelsAsked,
            (std::vector<std::optional<std::string>>{"test/other-model", std::nullopt}));
}

// Records what a run manager tells its observer.
class RecordingObserver : public SessionObserver {
 public:
  void sessionChanged(const std::string& key, SessionChange change) override {
    log.push_back(key + " " + sessionChangeReason(change) +
                  (change == SessionChange::RunStarted ? " start"
                   : change == SessionChange::RunEnded ? " end"
                                                       : ""));
  }
  void messageAppended(const std::string& key, const std::string& sessionId,
                       const sessions::TranscriptEntry& entry) override {
    log.push_back(key + " message " + std::to_string(entry.seq) + " " +
                  entry.message.value("role", "") + (sessionId.empty() ? " no session" : ""));
  }
  std::vector<std::string> log;
};

TEST_F(RunManagerTest, TheObserverHearsOfTheSessionAndEachMessageInOrder) {
  RecordingObserver observer;
  manager->setObserver(&observer);
  model->scripts = {{{}, textTurn("ok"), {}, false}, {{}, textTurn("again"), {}, false}};
  auto first = submit("hello");
  runUntil([&] { return first->ended.has_value(); });
  auto second = submit("more");
  runUntil([&] { return second->ended.has_value(); });
  // The transcript writes are announced from the storage thread's completion: wait for them.
  runUntil([&] { return observer.log.size() == 10; });
  EXPECT_EQ(observer.log,
            (std::vector<std::string>{
                "agent:main:main create", "agent:main:main message 1 user",
                "agent:main:main update start", "agent:main:main message 2 assistant",
                "agent:main:main update end", "agent:main:main update",
                "agent:main:main message 3 user", "agent:main:main update start",
                "agent:main:main message 4 assistant", "agent:main:main update end"}));
  manager->setObserver(nullptr);
}

TEST_F(RunManagerTest, WaitReportsTheEndOrTimesOut) {
  model->scripts = {{{}, textTurn("ok"), {}, false}};
  auto run = submit("hello");
  runUntil([&] { return run->accepted.has_value(); });
  std::optional<json> waited, unknown;
  manager->wait(run->accepted->runId, 5s, [&](const json& answer) { waited = answer; });
  manager->wait("no-such-run", 30ms, [&](const json& answer) { unknown = answer; });
  runUntil([&] { return waited.has_value() && unknown.has_value(); });
  EXPECT_EQ(waited->at("status"), "ok");
  EXPECT_EQ(waited->at("runId"), run->accepted->runId);
  EXPECT_LE(waited->at("startedAt").get<std::int64_t>(), waited->at("endedAt").get<std::int64_t>());
  EXPECT_EQ(unknown->at("status"), "timeout");
  // An ended run answers at once.
  std::optional<json> again;
  manager->wait(run->accepted->runId, 0ms, [&](const json& answer) { again = answer; });
  EXPECT_EQ(again->at("status"), "ok");
}

// The streamed stages of the run's agent events ("stream:phase"), in order.
std::vector<std::string> agentStages(const RecordingSink& sink) {
  std::vector<std::string> stages;
  for (const json& event : sink.named("agent")) {
    stages.push_back(event.at("stream").get<std::string>() + ":" +
                     event.at("data").value("phase", ""));
  }
  return stages;
}

TEST_F(RunManagerTest, AbortDuringAModelTurnEndsTheRunInsideAbortAndIgnoresTheCallsLateEnd) {
  model->scripts = {{{"partial"}, {}, {}, true}};
  auto run = submit("slow");
  runUntil([&] { return sink.named("chat").size() == 1; });
  model->calls.at(0)->endsLate = true;
  // On the event loop, as the chat.abort handler calls it.
  std::optional<std::string> stateAfterAbort;
  boost::asio::post(io, [&] {
    EXPECT_EQ(manager->abort("agent:main:main", std::nullopt),
              std::vector<std::string>{run->accepted->runId});
    stateAfterAbort = sink.named("chat").back().at("state").get<std::string>();
  });
  runUntil([&] { return run->ended.has_value(); });
  EXPECT_EQ(stateAfterAbort, "aborted") << "the run ends inside abort()";
  EXPECT_TRUE(model->calls.at(0)->cancelled);
  EXPECT_EQ(run->ended->result.status, RunStatus::Aborted);
  EXPECT_EQ(run->ended->result.text, "partial");

  // The call ends after all (its end raced the cancel): nothing changes.
  const std::size_t events = sink.events.size();
  model->calls.at(0)->complete(textTurn("late answer"));
  io.poll();
  EXPECT_EQ(sink.events.size(), events);
  EXPECT_EQ(model->requests.size(), 1u);
  const auto entries = transcript(run->accepted->sessionId);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].message.at("stopReason"), "aborted");
  EXPECT_EQ(sessions::entryText(entries[1].message), "partial");
  EXPECT_EQ(manager->activeRun("agent:main:main"), std::nullopt);
}

TEST_F(RunManagerTest, AbortWhileAToolRunsEndsTheRunWithoutWaitingForIt) {
  tool->blocking = true;
  model->scripts = {{{}, toolTurn("never"), {}, false}, {{}, textTurn("unused"), {}, false}};
  auto run = submit("use the tool");
  runUntil([&] {
    const auto stages = agentStages(sink);
    return !stages.empty() && stages.back() == "tool:start";
  });
  EXPECT_EQ(manager->abort("agent:main:main", std::nullopt).size(), 1u);
  runUntil([&] { return run->ended.has_value(); });  // the tool is still blocked
  EXPECT_EQ(run->ended->result.status, RunStatus::Aborted);
  EXPECT_EQ(run->ended->result.stopReason, "aborted");

  openGate();
  blocking.join();  // the tool returns; its late result is ignored
  io.poll();
  EXPECT_TRUE(tool->sawCancel);
  EXPECT_EQ(model->requests.size(), 1u);
  EXPECT_EQ(agentStages(sink),
            (std::vector<std::string>{"lifecycle:start", "tool:start", "lifecycle:error"}));
  EXPECT_EQ(sink.named("chat").back().at("state"), "aborted");
  const auto entries = transcript(run->accepted->sessionId);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[2].message.at("role"), "toolResult");
  EXPECT_EQ(entries[2].message.at("isError"), true);
  EXPECT_EQ(sessions::entryText(entries[2].message),
            "the run ended before this tool finished: aborted");
  EXPECT_EQ(entries[3].message.at("stopReason"), "aborted");
}

TEST_F(RunManagerTest, TimeoutWhileAToolWaitsOnTheEventLoopRunsItsCancelCallbacksAfterTheEnd) {
  auto waiting = std::make_shared<WaitingTool>(io, sink);
  RunEnvironment environment = testEnvironment();
  environment.tools = {waiting};
  manager = std::make_unique<RunManager>(runtime, store, environment);
  model->scripts = {{{}, {"", {{"call-1", "wait", json::object()}}, "tool_calls", {}}, {}, false}};
  auto run = submit("wait for the operator", 100ms);
  runUntil([&] { return run->ended.has_value(); });
  EXPECT_EQ(run->ended->result.status, RunStatus::Timeout);
  EXPECT_EQ(run->ended->result.stopReason, "timeout");
  // The waiting step heard of the cancel after the run had ended; its refusal changes nothing.
  EXPECT_EQ(waiting->chatStateAtCancel, "error");
  io.poll();
  EXPECT_EQ(model->requests.size(), 1u);
  EXPECT_EQ(agentStages(sink),
            (std::vector<std::string>{"lifecycle:start", "tool:start", "lifecycle:error"}));
  const auto entries = transcript(run->accepted->sessionId);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(sessions::entryText(entries[2].message)
                .rfind("the run ended before this tool finished: agent run timed out", 0),
            0u);
  EXPECT_EQ(entries[3].message.at("stopReason"), "timeout");
}

TEST_F(RunManagerTest, TheModelCallLimitStopsTheRunAfterTheLastTurnsTools) {
  RunEnvironment environment = testEnvironment();
  environment.maxModelCalls = 3;
  manager = std::make_unique<RunManager>(runtime, store, environment);
  for (int i = 0; i < 5; ++i) model->scripts.push_back({{}, toolTurn("again"), {}, false});
  auto run = submit("loop");
  runUntil([&] { return run->ended.has_value(); });
  const RunResult& result = run->ended->result;
  EXPECT_EQ(result.status, RunStatus::Error);
  EXPECT_EQ(result.stopReason, "error");
  EXPECT_EQ(result.errorMessage, "stopped after 3 model calls without a final answer");
  EXPECT_EQ(model->requests.size(), 3u);
  EXPECT_EQ(tool->notes.size(), 3u);
  const auto entries = transcript(run->accepted->sessionId);
  ASSERT_EQ(entries.size(), 8u);  // user, 3 x (tool call, tool result), the stop
  EXPECT_EQ(entries[6].message.at("role"), "toolResult");
  EXPECT_EQ(entries[6].message.at("isError"), false);
  EXPECT_EQ(entries[7].message.at("stopReason"), "error");
  EXPECT_EQ(entries[7].message.at("errorMessage"), result.errorMessage);
  EXPECT_EQ(sink.named("chat").back().at("state"), "error");
}

RunRequest withExtras(const std::string& message, RunExtras extras) {
  RunRequest request{"", {"agent:main:main", "", "main", {}}, message, {}, {}};
  request.extras = std::move(extras);
  return request;
}

agent::ToolDefinition clientTool(const std::string& name) {
  return {name, "Provided by the caller", {{"type", "object"}}};
}

TEST_F(RunManagerTest, AClientToolCallEndsTheRunAfterTheAgentsOwnToolsOfThatTurn) {
  agent::AssistantTurn turn{
      "Let me check.",
      {{"call-1", "note", {{"text", "checked"}}}, {"call-2", "lookup", {{"city", "Paris"}}}},
      "tool_calls",
      {4, 6}};
  model->scripts = {{{"Let me ", "check."}, turn, {}, false}};
  std::vector<std::string> deltas;
  RunExtras extras;
  extras.clientTools = {clientTool("lookup")};
  extras.extraSystemPrompt = "Answer in French.";
  extras.maxTokens = 77;
  extras.onTextDelta = [&deltas](const std::string& delta) { deltas.push_back(delta); };
  auto run = submit(withExtras("weather in Paris?", std::move(extras)));
  runUntil([&] { return run->ended.has_value(); });

  const RunResult& result = run->ended->result;
  EXPECT_EQ(result.status, RunStatus::Ok);
  EXPECT_EQ(result.stopReason, "tool_calls");
  EXPECT_EQ(result.text, "Let me check.");
  ASSERT_EQ(result.clientToolCalls.size(), 1u);
  EXPECT_EQ(result.clientToolCalls[0].id, "call-2");
  EXPECT_EQ(result.clientToolCalls[0].arguments, (json{{"city", "Paris"}}));
  EXPECT_EQ(tool->notes, std::vector<std::string>{"checked"}) << "the agent's tool still ran";
  EXPECT_EQ(deltas, (std::vector<std::string>{"Let me ", "check."}));

  ASSERT_EQ(model->requests.size(), 1u) << "the run waits for the caller's answer";
  const agent::ModelRequest& request = model->requests[0];
  std::vector<std::string> offered;
  for (const auto& definition : request.tools) offered.push_back(definition.name);
  EXPECT_EQ(offered, (std::vector<std::string>{"note", "lookup"}));
  EXPECT_EQ(request.maxTokens, 77);
  EXPECT_EQ(request.systemPrompt.substr(request.systemPrompt.size() - 17), "Answer in French.");
  EXPECT_EQ(sink.named("chat").back().at("state"), "final");
}

TEST_F(RunManagerTest, ClientToolsThatClashWithTheAgentsToolsOrEachOtherAreRefused) {
  for (const auto& names :
       {std::vector<std::string>{"note"}, std::vector<std::string>{"lookup", "lookup"}}) {
    RunExtras extras;
    for (const auto& name : names) extras.clientTools.push_back(clientTool(name));
    auto run = submit(withExtras("hi", std::move(extras)));
    runUntil([&] { return run->rejected.has_value(); });
    EXPECT_EQ(run->rejected->code, "INVALID_REQUEST");
    EXPECT_NE(run->rejected->message.find("invalid tool configuration"), std::string::npos);
  }
  EXPECT_TRUE(model->requests.empty());
  EXPECT_TRUE(modelsAsked.empty()) << "refused before anything was looked up or stored";
}

TEST_F(RunManagerTest, TheRunsOwnModelWinsOverTheSessions) {
  model->scripts = {{{}, textTurn("ok"), {}, false}};
  RunExtras extras;
  extras.model = "test/override";
  auto run = submit(withExtras("hi", std::move(extras)));
  runUntil([&] { return run->ended.has_value(); });
  EXPECT_EQ(modelsAsked, (std::vector<std::optional<std::string>>{"test/override"}));
}

}  // namespace
}  // namespace openclaw::runs
