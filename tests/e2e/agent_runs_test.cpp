// Agent runs end to end: the real gateway binary, a scripted model server speaking the OpenAI
// streaming format, the built-in tools, and operator clients watching agent and chat events.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

constexpr const char* kMainKey = "agent:main:main";

// Every `agent` event of `runId` up to and including its lifecycle end or error.
std::vector<json> agentStream(client::GatewayClient& client, const std::string& runId) {
  std::vector<json> stream;
  waitForEvent(client, [&](const json& event) {
    if (event.value("event", "") != "agent" || event.at("payload").value("runId", "") != runId) {
      return false;
    }
    stream.push_back(event.at("payload"));
    const json& payload = event.at("payload");
    const std::string phase = payload.at("data").value("phase", "");
    return payload.at("stream") == "lifecycle" && (phase == "end" || phase == "error");
  });
  return stream;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class AgentRuns : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  json chatSend(client::GatewayClient& client, const std::string& message, const std::string& key) {
    return client.call("chat.send",
                       {{"sessionKey", kMainKey}, {"message", message}, {"idempotencyKey", key}});
  }

  json history(client::GatewayClient& client) {
    return client.call("chat.history", {{"sessionKey", kMainKey}}).at("messages");
  }

  ScriptedProvider provider;
  int port = freePort();
  GatewayProcess gateway{provider.gatewayConfig(), {"--port", std::to_string(port)}};
};

TEST_F(AgentRuns, TurnWithToolsWritesAndReadsAFileAndEveryClientSeesTheStream) {
  provider.enqueue(ScriptedReply::toolCall("call-w", "write",
                                           {R"({"path":"notes.txt",)", R"("content":"hello"})"}));
  provider.enqueue(ScriptedReply::toolCall("call-r", "read", {R"({"path":"notes.txt"})"}));
  provider.enqueue(ScriptedReply::text({"The file ", "says hello."}));
  auto caller = gateway.connect();
  auto watcher = gateway.connect();

  const json final = caller.call("agent",
                                 {{"message", "write hello to notes.txt, then read it"},
                                  {"agentId", "main"},
                                  {"idempotencyKey", "turn-1"}},
                                 30s, true);
  EXPECT_EQ(final.at("status"), "ok");
  EXPECT_EQ(final.at("runId"), "turn-1");
  EXPECT_EQ(final.at("result").at("payloads").back().at("text"), "The file says hello.");
  EXPECT_EQ(readFile(gateway.home().path() / ".openclaw" / "workspace" / "notes.txt"), "hello");

  // The model saw the file's content as the read tool's result.
  const auto requests = provider.requests();
  ASSERT_EQ(requests.size(), 3u);
  const json lastMessages = requests[2].json().at("messages");
  EXPECT_EQ(lastMessages.back().at("role"), "tool");
  EXPECT_NE(lastMessages.back().at("content").dump().find("hello"), std::string::npos)
      << lastMessages.back().dump();
  EXPECT_NE(requests[0].body.find("\"write\""), std::string::npos);  // tools were offered

  // The other client saw the whole stream, in order.
  std::vector<std::string> steps;
  std::string text;
  std::uint64_t lastSeq = 0;
  for (const json& event : agentStream(watcher, "turn-1")) {
    EXPECT_GT(event.at("seq").get<std::uint64_t>(), lastSeq);
    lastSeq = event.at("seq");
    EXPECT_EQ(event.at("sessionKey"), kMainKey);
    const json& data = event.at("data");
    if (event.at("stream") == "assistant") {
      text += data.at("delta").get<std::string>();
      continue;
    }
    steps.push_back(event.at("stream").get<std::string>() + ":" + data.value("phase", "") + ":" +
                    data.value("name", ""));
  }
  EXPECT_EQ(steps,
            (std::vector<std::string>{"lifecycle:start:", "tool:start:write", "tool:result:write",
                                      "tool:start:read", "tool:result:read", "lifecycle:end:"}));
  EXPECT_EQ(text, "The file says hello.");

  // The transcript has every step.
  std::vector<std::string> roles;
  for (const json& message : history(watcher)) roles.push_back(message.at("role"));
  EXPECT_EQ(roles, (std::vector<std::string>{"user", "assistant", "toolResult", "assistant",
                                             "toolResult", "assistant"}));
}

TEST_F(AgentRuns, ChatSendStreamsDeltasAndFinalToEveryClient) {
  provider.enqueue(ScriptedReply::text({"Hel", "lo!"}));
  auto sender = gateway.connect();
  auto other = gateway.connect();
  // WebChat sends deliver:false.
  const json ack = sender.call("chat.send", {{"sessionKey", kMainKey},
                                             {"message", "hi"},
                                             {"deliver", false},
                                             {"idempotencyKey", "send-1"}});
  EXPECT_EQ(ack, (json{{"runId", "send-1"}, {"status", "started"}}));
  for (auto* client : {&sender, &other}) {
    const json delta =
        waitForEvent(*client, [](const json& e) { return isChat(e, "send-1", "delta"); });
    EXPECT_EQ(delta.at("payload").at("sessionKey"), kMainKey);
    const json final =
        waitForEvent(*client, [](const json& e) { return isChat(e, "send-1", "final"); });
    EXPECT_EQ(final.at("payload").at("message").at("content").at(0).at("text"), "Hello!");
    EXPECT_EQ(final.at("payload").at("message").at("role"), "assistant");
  }
  const json messages = history(other);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("content").at(0).at("text"), "hi");
  EXPECT_EQ(messages[1].at("content").at(0).at("text"), "Hello!");
}

TEST_F(AgentRuns, ChatAbortStopsAStreamingRun) {
  ScriptedReply slow = ScriptedReply::text(std::vector<std::string>(100, "word "));
  slow.chunkDelay = 100ms;
  provider.enqueue(slow);
  auto client = gateway.connect();
  chatSend(client, "talk for a long time", "slow-1");
  waitForEvent(client, [](const json& e) { return isChat(e, "slow-1", "delta"); });
  const json aborted = client.call("chat.abort", {{"sessionKey", kMainKey}});
  EXPECT_EQ(aborted.at("aborted"), true);
  EXPECT_EQ(aborted.at("runIds"), json::array({"slow-1"}));
  waitForEvent(client, [](const json& e) { return isChat(e, "slow-1", "aborted"); });
  // Nothing of that run is streamed after the abort.
  const auto quietUntil = std::chrono::steady_clock::now() + 500ms;
  while (std::chrono::steady_clock::now() < quietUntil) {
    if (auto event = client.nextEvent(50ms)) {
      EXPECT_NE(event->at("payload").value("runId", ""), "slow-1") << event->dump();
    }
  }
  EXPECT_EQ(history(client).back().at("stopReason"), "aborted");
  EXPECT_EQ(client.call("chat.abort", {{"sessionKey", kMainKey}}).at("aborted"), false);
}

TEST_F(AgentRuns, RunTimeoutEndsWithAgentTimeoutAndFreesTheSession) {
  provider.enqueue(ScriptedReply::hanging());
  provider.enqueue(ScriptedReply::text({"back"}));
  auto client = gateway.connect();
  const auto started = std::chrono::steady_clock::now();
  const json answer = client.request(
      "agent",
      {{"message", "hang"}, {"agentId", "main"}, {"timeout", 1}, {"idempotencyKey", "t-1"}}, 20s,
      true);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  ASSERT_EQ(answer.at("ok"), false);
  EXPECT_EQ(answer.at("error").at("code"), "AGENT_TIMEOUT");
  EXPECT_EQ(client.call("agent.wait", {{"runId", "t-1"}}).at("status"), "timeout");
  // The session is free again: the next message runs at once.
  const json next = client.call(
      "agent", {{"message", "again"}, {"agentId", "main"}, {"idempotencyKey", "t-2"}}, 20s, true);
  EXPECT_EQ(next.at("status"), "ok");
}

TEST_F(AgentRuns, HugeTimeoutsAreClampedInsteadOfExpiringAtOnce) {
  ScriptedReply slow = ScriptedReply::text({"slow ", "answer"});
  slow.chunkDelay = 300ms;
  provider.enqueue(ScriptedReply::text({"done"}));
  provider.enqueue(slow);
  auto client = gateway.connect();
  // 9223372037 s is just past what int64 nanoseconds hold.
  const json final = client.call("agent",
                                 {{"message", "hi"},
                                  {"agentId", "main"},
                                  {"timeout", 9'223'372'037},
                                  {"idempotencyKey", "huge-1"}},
                                 20s, true);
  EXPECT_EQ(final.at("status"), "ok");
  EXPECT_EQ(final.at("result").at("payloads").back().at("text"), "done");

  constexpr std::int64_t kLongestMs = std::numeric_limits<std::int64_t>::max();
  client.call("chat.send", {{"sessionKey", kMainKey},
                            {"message", "again"},
                            {"timeoutMs", kLongestMs},
                            {"idempotencyKey", "huge-2"}});
  // agent.wait waits for the end of the run (which its own timeout does not cut short).
  const json waited =
      client.call("agent.wait", {{"runId", "huge-2"}, {"timeoutMs", kLongestMs}}, 20s);
  EXPECT_EQ(waited.at("status"), "ok") << waited.dump();
}

TEST_F(AgentRuns, RetriesWithTheSameIdempotencyKeyRunOnce) {
  provider.enqueue(ScriptedReply::text({"only once"}));
  auto client = gateway.connect();
  const json first = chatSend(client, "hello", "dup-1");
  const json retry = chatSend(client, "hello", "dup-1");
  EXPECT_EQ(retry, first);
  waitForEvent(client, [](const json& e) { return isChat(e, "dup-1", "final"); });

  provider.enqueue(ScriptedReply::text({"agent answer"}));
  const json params = {{"message", "hi"}, {"agentId", "main"}, {"idempotencyKey", "dup-2"}};
  const json done = client.call("agent", params, 20s, true);
  EXPECT_EQ(done.at("status"), "ok");
  // A retry after the end gets the final answer again.
  EXPECT_EQ(client.call("agent", params, 20s, true), done);
  EXPECT_EQ(provider.requests().size(), 2u);
  EXPECT_EQ(history(client).size(), 4u);
}

TEST_F(AgentRuns, RetryAfterAFailedRunGetsItsFinalError) {
  provider.enqueue(ScriptedReply::httpError(400, "the model refuses"));
  auto client = gateway.connect();
  const json params = {{"message", "hi"}, {"agentId", "main"}, {"idempotencyKey", "fail-1"}};
  const json failed = client.request("agent", params, 20s, true);
  ASSERT_EQ(failed.at("ok"), false) << failed.dump();
  // The retry is not run again: it gets the ack, then the same final error.
  const json retried = client.request("agent", params, 20s, true);
  ASSERT_EQ(retried.at("ok"), false) << retried.dump();
  EXPECT_EQ(retried.at("error"), failed.at("error"));
  EXPECT_EQ(provider.requests().size(), 1u);
}

TEST_F(AgentRuns, RetryDuringARunAlsoGetsItsFinalAnswer) {
  ScriptedReply slow = ScriptedReply::text({"a ", "slow ", "answer"});
  slow.chunkDelay = 200ms;
  provider.enqueue(slow);
  auto first = gateway.connect();
  auto retrying = gateway.connect();
  const json params = {{"message", "hi"}, {"agentId", "main"}, {"idempotencyKey", "mid-1"}};
  first.sendText(
      json{{"type", "req"}, {"id", "a1"}, {"method", "agent"}, {"params", params}}.dump());
  waitForEvent(retrying, [](const json& e) {
    return e.value("event", "") == "agent" && e.at("payload").at("stream") == "assistant";
  });
  const json final = retrying.call("agent", params, 20s, true);
  EXPECT_EQ(final.at("status"), "ok");
  EXPECT_EQ(final.at("result").at("payloads").at(0).at("text"), "a slow answer");
  EXPECT_EQ(provider.requests().size(), 1u);
}

TEST_F(AgentRuns, SecondMessageQueuesBehindTheFirst) {
  ScriptedReply slow = ScriptedReply::text({"first ", "answer"});
  slow.chunkDelay = 200ms;
  provider.enqueue(slow);
  provider.enqueue(ScriptedReply::text({"second answer"}));
  auto client = gateway.connect();
  chatSend(client, "one", "q-1");
  chatSend(client, "two", "q-2");
  // q-2 starts only after q-1 ended.
  std::vector<std::string> order;
  waitForEvent(client, [&](const json& e) {
    if (e.value("event", "") != "agent" || e.at("payload").at("stream") != "lifecycle")
      return false;
    order.push_back(e.at("payload").at("runId").get<std::string>() + ":" +
                    e.at("payload").at("data").at("phase").get<std::string>());
    return order.size() == 4;
  });
  EXPECT_EQ(order, (std::vector<std::string>{"q-1:start", "q-1:end", "q-2:start", "q-2:end"}));
  // The second request saw the first answer before the second message.
  const json second = provider.requests().at(1).json().at("messages");
  const std::string seen = second.dump();
  EXPECT_LT(seen.find("first answer"), seen.find("\"two\""));
}

TEST_F(AgentRuns, ToolOutputThatIsNotUtf8IsKeptWithReplacementCharacters) {
  const auto workspace = gateway.home().path() / ".openclaw" / "workspace";
  std::filesystem::create_directories(workspace);
  std::ofstream(workspace / "latin1.txt") << "caf\xE9 cr\xE8me\n";  // Latin-1, not UTF-8
  provider.enqueue(ScriptedReply::toolCall("call-l1", "read", {R"({"path":"latin1.txt"})"}));
  provider.enqueue(ScriptedReply::text({"read it"}));
  provider.enqueue(ScriptedReply::text({"still here"}));
  auto client = gateway.connect();
  const json first = client.call(
      "agent", {{"message", "read latin1.txt"}, {"agentId", "main"}, {"idempotencyKey", "l-1"}},
      30s, true);
  EXPECT_EQ(first.at("status"), "ok");

  const std::string expected = "caf\xEF\xBF\xBD cr\xEF\xBF\xBDme\n";  // U+FFFD for each
  const json messages = history(client);
  const auto toolResult = std::find_if(messages.begin(), messages.end(),
                                       [](const json& m) { return m.at("role") == "toolResult"; });
  ASSERT_NE(toolResult, messages.end()) << messages.dump();
  EXPECT_EQ(toolResult->at("toolCallId"), "call-l1");
  EXPECT_EQ(toolResult->at("content").at(0).at("text"), expected);

  // The next turn still sends the tool call with its result.
  const json next = client.call(
      "agent", {{"message", "and now?"}, {"agentId", "main"}, {"idempotencyKey", "l-2"}}, 30s,
      true);
  EXPECT_EQ(next.at("status"), "ok");
  const json sent = provider.requests().at(2).json().at("messages");
  const auto toolMessage = std::find_if(sent.begin(), sent.end(), [](const json& m) {
    return m.value("role", "") == "tool" && m.value("tool_call_id", "") == "call-l1";
  });
  ASSERT_NE(toolMessage, sent.end()) << sent.dump();
  EXPECT_EQ(toolMessage->at("content"), expected);
}

TEST_F(AgentRuns, HistorySurvivesAGatewayRestart) {
  provider.enqueue(ScriptedReply::text({"remembered"}));
  {
    auto client = gateway.connect();
    chatSend(client, "remember this", "r-1");
    waitForEvent(client, [](const json& e) { return isChat(e, "r-1", "final"); });
  }
  ASSERT_EQ(gateway.stop(SIGTERM), 0);
  gateway.start();
  auto client = gateway.connect();
  const json messages = history(client);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("content").at(0).at("text"), "remember this");
  EXPECT_EQ(messages[1].at("content").at(0).at("text"), "remembered");
  // The next turn sends the stored conversation to the model.
  provider.enqueue(ScriptedReply::text({"yes"}));
  chatSend(client, "do you remember?", "r-2");
  waitForEvent(client, [](const json& e) { return isChat(e, "r-2", "final"); });
  EXPECT_NE(provider.requests().back().body.find("remembered"), std::string::npos);
}

TEST(AgentRunsAnthropic, ToolTurnInTheAnthropicDialect) {
  ScriptedProvider provider;
  GatewayProcess gateway(provider.gatewayConfig("anthropic-messages"));
  gateway.start();
  provider.enqueue(
      ScriptedReply::toolCall("toolu_1", "write", {R"({"path":"a.txt","content":"from claude"})"}));
  provider.enqueue(ScriptedReply::text({"Wrote ", "a.txt"}));
  auto client = gateway.connect();
  const json final = client.call(
      "agent", {{"message", "write a.txt"}, {"agentId", "main"}, {"idempotencyKey", "an-1"}}, 20s,
      true);
  EXPECT_EQ(final.at("result").at("payloads").back().at("text"), "Wrote a.txt");
  EXPECT_EQ(readFile(gateway.home().path() / ".openclaw" / "workspace" / "a.txt"), "from claude");
  const auto requests = provider.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].target, "/v1/messages");
  EXPECT_NE(requests[1].body.find("toolu_1"), std::string::npos);  // the result answers the call
}

TEST(AgentRunsShutdown, StoppingTheGatewayCancelsARunningTool) {
  ScriptedProvider provider;
  json config = provider.gatewayConfig();
  config["tools"] = {{"exec", {{"security", "full"}, {"ask", "off"}}}};
  GatewayProcess gateway(config);
  gateway.start();
  provider.enqueue(ScriptedReply::toolCall("x-1", "exec", {R"({"command":"sleep 60"})"}));
  auto client = gateway.connect();
  client.call("chat.send",
              {{"sessionKey", "main"}, {"message", "wait a minute"}, {"idempotencyKey", "x-run"}});
  waitForEvent(client, [](const json& e) {
    return e.value("event", "") == "agent" && e.at("payload").at("stream") == "tool";
  });
  const auto stopping = std::chrono::steady_clock::now();
  EXPECT_EQ(gateway.stop(SIGTERM, 15s), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 8s) << "the exec tool kept running";
  // The transcript records how the run ended.
  gateway.start();
  auto after = gateway.connect();
  const json messages = after.call("chat.history", {{"sessionKey", "main"}}).at("messages");
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.back().at("stopReason"), "aborted");
  EXPECT_EQ(messages.at(messages.size() - 2).at("isError"), true);
}

TEST_F(AgentRuns, AReloadedModelAppliesToTheNextRun) {
  json config = provider.gatewayConfig();
  config["gateway"] = {{"mode", "local"},
                       {"auth", {{"mode", "token"}, {"token", GatewayProcess::kToken}}}};
  config["logging"] = {{"file", gateway.logFile().string()}};
  config["agents"]["defaults"]["model"] = "scripted/other-model";
  gateway.home().write(".openclaw/openclaw.json", config.dump());
  ASSERT_TRUE(gateway.waitForOutput("config reloaded", 10s));
  provider.enqueue(ScriptedReply::text({"ok"}));
  auto client = gateway.connect();
  client.call("agent", {{"message", "hi"}, {"agentId", "main"}, {"idempotencyKey", "m-1"}}, 20s,
              true);
  EXPECT_EQ(provider.requests().at(0).json().at("model"), "other-model");
}

TEST_F(AgentRuns, APatchedSessionModelAppliesToTheNextRunAndSurvivesARestart) {
  auto client = gateway.connect();
  client.call("sessions.patch", {{"key", "main"}, {"model", "scripted/patched-model"}});
  gateway.stop(SIGTERM, 15s);
  gateway.start();
  auto after = gateway.connect();
  after.call("sessions.subscribe", json::object());
  after.call("sessions.messages.subscribe", {{"key", "main"}});
  provider.enqueue(ScriptedReply::text({"ok"}));
  chatSend(after, "hi", "p-1");
  // The final chat event, the reply as a session message and the run's end as a session change,
  // in whichever order they arrive.
  bool final = false, reply = false, ended = false;
  waitForEvent(after, [&](const json& e) {
    final = final || isChat(e, "p-1", "final");
    reply = reply || (e.value("event", "") == "session.message" &&
                      e.at("payload").at("message").value("role", "") == "assistant");
    ended = ended || (e.value("event", "") == "sessions.changed" &&
                      e.at("payload").value("phase", "") == "end");
    return final && reply && ended;
  });
  EXPECT_EQ(provider.requests().at(0).json().at("model"), "patched-model");
}

TEST_F(AgentRuns, SessionsListResetAndDelete) {
  provider.enqueue(ScriptedReply::text({"ok"}));
  auto client = gateway.connect();
  chatSend(client, "hi", "s-1");
  waitForEvent(client, [](const json& e) { return isChat(e, "s-1", "final"); });
  const json list = client.call("sessions.list");
  ASSERT_EQ(list.at("count"), 1);
  const json row = list.at("sessions").at(0);
  EXPECT_EQ(row.at("key"), kMainKey);
  EXPECT_EQ(row.at("isMain"), true);
  EXPECT_EQ(row.at("lastRunId"), "s-1");

  // An agent turn from a sender names the session and where the sender is.
  provider.enqueue(ScriptedReply::text({"hi there"}));
  client.call("agent",
              {{"message", "hello"},
               {"to", "+15550001"},
               {"channel", "whatsapp"},
               {"label", "Alice"},
               {"idempotencyKey", "s-2"}},
              20s, true);
  const json sessions = client.call("sessions.list").at("sessions");
  ASSERT_EQ(sessions.size(), 2u);
  // The default session.dmScope, per-channel-peer, gives the sender a session of its own.
  const json labelled = sessions.at(0).at("key") == kMainKey ? sessions.at(1) : sessions.at(0);
  EXPECT_EQ(labelled.at("key"), "agent:main:whatsapp:direct:+15550001");
  EXPECT_EQ(labelled.at("label"), "Alice");
  EXPECT_EQ(labelled.at("channel"), "whatsapp");

  const json reset = client.call("sessions.reset", {{"key", "main"}});
  EXPECT_EQ(reset.at("key"), kMainKey);
  EXPECT_NE(reset.at("entry").at("sessionId"), row.at("sessionId"));
  EXPECT_TRUE(history(client).empty());

  const json deleted = client.call("sessions.delete", {{"key", kMainKey}});
  EXPECT_EQ(deleted.at("deleted"), true);
  EXPECT_EQ(client.call("sessions.list").at("count"), 1);  // the sender's session stays
  EXPECT_EQ(client.call("sessions.delete", {{"key", kMainKey}}).at("deleted"), false);
}

TEST_F(AgentRuns, BadParamsAreRejected) {
  auto client = gateway.connect();
  const auto code = [&](const std::string& method, const json& params) {
    const json answer = client.request(method, params);
    EXPECT_EQ(answer.at("ok"), false) << method << " " << params.dump();
    return answer.at("ok") == false ? answer.at("error").at("code").get<std::string>() : "";
  };
  EXPECT_EQ(code("agent", {{"message", "no key"}}), "INVALID_REQUEST");
  EXPECT_EQ(code("agent", {{"message", ""}, {"idempotencyKey", "k"}}), "INVALID_REQUEST");
  EXPECT_EQ(code("agent", {{"message", "x"}, {"idempotencyKey", "k"}, {"sessionKey", "agent::x"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code("agent", {{"message", "x"}, {"idempotencyKey", "k2"}, {"sessionId", "nope"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code("agent", {{"message", "x"}, {"idempotencyKey", "k3"}, {"timeout", -1}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code("chat.send", {{"message", "x"}, {"idempotencyKey", "k"}}), "INVALID_REQUEST");
  EXPECT_EQ(code("chat.send", {{"sessionKey", "main"}, {"message", "  "}, {"idempotencyKey", "k"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code("chat.history", {{"sessionKey", "main"}, {"limit", 0}}), "INVALID_REQUEST");
  EXPECT_EQ(
      code("chat.send",
           {{"sessionKey", "main"}, {"message", "x"}, {"deliver", true}, {"idempotencyKey", "k4"}}),
      "INVALID_REQUEST");
  EXPECT_EQ(code("agent", {{"message", "x"}, {"deliver", true}, {"idempotencyKey", "k5"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code("sessions.reset", json::object()), "INVALID_REQUEST");
  EXPECT_EQ(code("agent.wait", json::object()), "INVALID_REQUEST");
  EXPECT_TRUE(provider.requests().empty());
  // An unknown run: agent.wait times out.
  EXPECT_EQ(client.call("agent.wait", {{"runId", "nope"}, {"timeoutMs", 50}}).at("status"),
            "timeout");
  // Read-only clients can read history but not send.
  auto options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient reader(options);
  reader.connect();
  EXPECT_EQ(
      reader
          .request("chat.send", {{"sessionKey", "main"}, {"message", "x"}, {"idempotencyKey", "k"}})
          .at("error")
          .at("code"),
      "FORBIDDEN");
  EXPECT_TRUE(reader.call("chat.history", {{"sessionKey", "main"}}).at("messages").empty());
}

TEST_F(AgentRuns, CliStreamsTheAnswerAndReportsFailures) {
  provider.enqueue(ScriptedReply::text({"Hello ", "from ", "the CLI"}));
  const std::vector<std::string> target = {"--url", gateway.url(), "--token",
                                           GatewayProcess::kToken};
  auto args = std::vector<std::string>{"agent", "--agent", "main", "--message", "hi"};
  args.insert(args.end(), target.begin(), target.end());
  const CommandResult streamed = runCli(args, gateway.home().path());
  EXPECT_EQ(streamed.exitCode, 0) << streamed.err;
  EXPECT_NE(streamed.out.find("Hello from the CLI"), std::string::npos) << streamed.out;

  provider.enqueue(ScriptedReply::text({"as json"}));
  args.push_back("--json");
  const CommandResult asJson = runCli(args, gateway.home().path());
  EXPECT_EQ(asJson.exitCode, 0) << asJson.err;
  EXPECT_EQ(json::parse(asJson.out).at("result").at("payloads").at(0).at("text"), "as json");

  provider.enqueue(ScriptedReply::httpError(400, "bad request from the model"));
  args.pop_back();
  const CommandResult failed = runCli(args, gateway.home().path());
  EXPECT_EQ(failed.exitCode, 1);
  EXPECT_NE(failed.err.find("bad request from the model"), std::string::npos) << failed.err;

  auto noSelector = std::vector<std::string>{"agent", "--message", "hi"};
  noSelector.insert(noSelector.end(), target.begin(), target.end());
  const CommandResult refused = runCli(noSelector, gateway.home().path());
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_NE(refused.err.find("--agent"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::e2e
