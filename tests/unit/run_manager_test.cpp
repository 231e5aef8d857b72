// The run loop against a scripted in-test ModelProvider: tools, queueing, timeout, abort, wait.
#include "runs/run_manager.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <deque>
#include <future>
#include <mutex>

#include "daemon/gateway_schema.h"
#include "sessions/transcript_message.h"
#include "temp_dir.h"

namespace openclaw::runs {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// One scripted model call: deltas, then the turn (or an error); `hold` leaves the call open
// after the deltas until the test completes it or the run cancels it; `throws` makes the
// provider throw instead of starting the call (a provider bug).
struct Script {
  std::vector<std::string> deltas;
  agent::AssistantTurn turn;
  std::optional<agent::ModelError> error;
  bool hold = false;
  bool throws = false;
};

class ScriptedCall : public agent::ModelCall {
 public:
  ScriptedCall(boost::asio::io_context& io, agent::ModelStreamHandlers handlers)
      : io_(io), handlers_(std::move(handlers)) {}
  void cancel() override {
    cancelled = true;
    if (endsLate) return;
    end([](ScriptedCall& call) { call.handlers_.onError({"cancelled", "cancelled", 0}); });
  }
  void play(const Script& script) {
    for (const auto& delta : script.deltas) {
      boost::asio::post(io_, [self = shared(), delta] {
        if (!self->ended_) self->handlers_.onTextDelta(delta);
      });
    }
    if (script.hold) return;
    if (script.error) {
      end([error = *script.error](ScriptedCall& call) { call.handlers_.onError(error); });
    } else {
      complete(script.turn);
    }
  }
  void complete(const agent::AssistantTurn& turn) {
    end([turn](ScriptedCall& call) { call.handlers_.onComplete(turn); });
  }
  std::shared_ptr<ScriptedCall> shared() { return self.lock(); }

  std::weak_ptr<ScriptedCall> self;
  bool cancelled = false;
  bool endsLate = false;  // cancel() does not end the call: the test ends it later

 private:
  void end(std::function<void(ScriptedCall&)> last) {
    boost::asio::post(io_, [self = shared(), last] {
      if (self->ended_) return;
      self->ended_ = true;
      last(*self);
    });
  }
  boost::asio::io_context& io_;
  agent::ModelStreamHandlers handlers_;
  bool ended_ = false;
};

class ScriptedModel : public agent::ModelProvider {
 public:
  explicit ScriptedModel(boost::asio::io_context& io) : io_(io) {}
  std::shared_ptr<agent::ModelCall> stream(const agent::ModelRequest& request,
                                           agent::ModelStreamHandlers handlers) override {
    requests.push_back(request);
    if (!scripts.empty() && scripts.front().throws) {
      scripts.pop_front();
      throw std::runtime_error("provider bug");
    }
    auto call = std::make_shared<ScriptedCall>(io_, std::move(handlers));
    call->self = call;
    calls.push_back(call);
    Script script =
        scripts.empty() ? Script{{}, {"(no script)", {}, "stop", {}}, {}, false} : scripts.front();
    if (!scripts.empty()) scripts.pop_front();
    call->play(script);
    return call;
  }
  std::deque<Script> scripts;
  std::vector<agent::ModelRequest> requests;
  std::vector<std::shared_ptr<ScriptedCall>> calls;

 private:
  boost::asio::io_context& io_;
};

// Records `note` calls; optionally blocks until the test opens the gate.
class NoteTool : public agent::Tool {
 public:
  agent::ToolDefinition definition() const override {
    return {"note", "Take a note", {{"type", "object"}}};
  }
  agent::ToolResult run(const json& arguments, const agent::ToolContext& context) const override {
    if (blocking) gate.wait();
    std::lock_guard lock(mutex);
    notes.push_back(arguments.value("text", ""));
    sawCancel = context.cancelled->load();
    return {"noted", false, {}};
  }
  bool blocking = false;
  std::shared_future<void> gate;
  mutable std::mutex mutex;
  mutable std::vector<std::string> notes;
  mutable bool sawCancel = false;
};

class RecordingSink : public rpc::EventSink {
 public:
  void broadcastToOperators(const std::string& event, const json& payload,
                            const std::string&) override {
    events.push_back({{"event", event}, {"payload", payload}});
  }
  bool sendTo(const std::string&, const std::string&, const json&) override { return false; }
  std::vector<json> named(const std::string& name) const {
    std::vector<json> out;
    for (const auto& event : events) {
      if (event.at("event") == name) out.push_back(event.at("payload"));
    }
    return out;
  }
  std::vector<json> events;
};

// Waits on the event loop like an exec approval: it registers a cancel callback there and
// reports (a refusal) only when that runs, noting the chat state the run had reached by then.
class WaitingTool : public agent::Tool {
 public:
  WaitingTool(boost::asio::io_context& io, const RecordingSink& sink) : io_(io), sink_(sink) {}
  agent::ToolDefinition definition() const override {
    return {"wait", "Wait for an operator", {{"type", "object"}}};
  }
  agent::ToolResult run(const json&, const agent::ToolContext&) const override {
    return {"runs only through start()", true, {}};
  }
  void start(const json&, const agent::ToolContext& context, agent::ToolDone done) const override {
    boost::asio::post(io_, [this, context, done] {
      context.cancelCallbacks->add([this, done] {
        chatStateAtCancel = sink_.named("chat").back().at("state").get<std::string>();
        done({"refused: the run was aborted", true, {}});
      });
    });
  }
  mutable std::optional<std::string> chatStateAtCancel;

 private:
  boost::asio::io_context& io_;
  const RecordingSink& sink_;
};

agent::AssistantTurn textTurn(const std::string& text) { return {text, {}, "stop", {3, 5}}; }

agent::AssistantTurn toolTurn(const std::string& noteText) {
  return {"", {{"call-1", "note", {{"text", noteText}}}}, "tool_calls", {}};
}

class RunManagerTest : public ::testing::Test {
 protected:
  RunManagerTest() {
    tool->gate = release.get_future().share();
    manager = std::make_unique<RunManager>(runtime, store, testEnvironment());
  }
  RunEnvironment testEnvironment() {
    RunEnvironment environment;
    environment.resolveModel = [this](const std::optional<std::string>& sessionModel) {
      modelsAsked.push_back(sessionModel);
      return modelError.empty() ? ModelChoice{model, "test-model", ""}
                                : ModelChoice{nullptr, "", modelError};
    };
    environment.tools = {tool};
    environment.workspace = dir.path() / "workspace";
    return environment;
  }
  ~RunManagerTest() override {
    if (!released) release.set_value();
    // The recorded calls hold their handlers, which hold their runs, which hold the model:
    // break that cycle (a real provider forgets a call once it ended).
    model->calls.clear();
    manager.reset();
    storage.join();
    blocking.join();
  }

  void openGate() {
    released = true;
    release.set_value();
  }

  // Runs the event loop until `done` holds (5 s deadline).
  void runUntil(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "condition not reached in 5 s";
      io.run_one_for(20ms);
    }
  }

  struct Submitted {
    std::optional<AcceptedRun> accepted;
    std::optional<protocol::GatewayError> rejected;
    std::optional<EndedRun> ended;
  };

  std::shared_ptr<Submitted> submit(const std::string& message,
                                    std::optional<std::chrono::milliseconds> timeout = {},
                                    RunTarget target = {"agent:main:main", "", "main", {}}) {
    auto result = std::make_shared<Submitted>();
    manager->submit(
        {"", std::move(target), message, timeout},
        [result](const protocol::Result<AcceptedRun>& admitted) {
          if (admitted) {
            result->accepted = *admitted;
          } else {
            result->rejected = admitted.error();
          }
        },
        [result](const EndedRun& ended) { result->ended = ended; });
    return result;
  }

  std::vector<sessions::TranscriptEntry> transcript(const std::string& sessionId) {
    std::promise<std::vector<sessions::TranscriptEntry>> entries;
    boost::asio::post(storage, [&] { entries.set_value(store.transcript(sessionId, 100)); });
    return entries.get_future().get();
  }

  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  boost::asio::thread_pool storage{1};
  boost::asio::thread_pool blocking{2};
  testsupport::TempDir dir;
  store::Database database{dir.path() / "openclaw.db", daemon::gatewaySchema()};
  sessions::SessionStore store{database};
  config::GatewaySettings settings;
  RecordingSink sink;
  rpc::GatewayRuntime runtime{io, storage, blocking, database, settings, sink};
  std::shared_ptr<ScriptedModel> model = std::make_shared<ScriptedModel>(io);
  std::shared_ptr<NoteTool> tool = std::make_shared<NoteTool>();
  std::promise<void> release;
  bool released = false;
  std::string modelError;
  std::vector<std::optional<std::string>> modelsAsked;  // resolveModel's sessionModel, per call
  std::unique_ptr<RunManager> manager;
};

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

}  // namespace
}  // namespace openclaw::runs
