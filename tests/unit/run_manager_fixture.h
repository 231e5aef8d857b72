#pragma once

// A RunManager on a private event loop and database with a scripted in-test ModelProvider and
// recording tools and event sink, for the run loop's tests and those of what builds on it.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <deque>
#include <future>
#include <mutex>

#include "daemon/gateway_schema.h"
#include "runs/run_manager.h"
#include "sessions/transcript_message.h"
#include "temp_dir.h"

namespace openclaw::runs::fixture {

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

inline agent::AssistantTurn textTurn(const std::string& text) { return {text, {}, "stop", {3, 5}}; }

inline agent::AssistantTurn toolTurn(const std::string& noteText) {
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
    return submit(RunRequest{"", std::move(target), message, timeout, {}});
  }
  std::shared_ptr<Submitted> submit(RunRequest request) {
    auto result = std::make_shared<Submitted>();
    manager->submit(
        std::move(request),
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

}  // namespace openclaw::runs::fixture
