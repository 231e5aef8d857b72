// Both model providers against the scripted server: one behaviour, two wire dialects.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>

#include "agent/providers/anthropic_messages_provider.h"
#include "agent/providers/openai_completions_provider.h"
#include "scripted_provider.h"

namespace openclaw::agent::providers {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

Message message(std::string role, std::string text) {
  Message result;
  result.role = std::move(role);
  result.text = std::move(text);
  return result;
}

RetryPolicy fastRetries() {
  RetryPolicy policy;
  policy.maxAttempts = 3;
  policy.baseDelay = 10ms;
  policy.maxDelay = 50ms;
  return policy;
}

struct Outcome {
  std::vector<std::string> deltas;
  std::optional<AssistantTurn> turn;
  std::optional<ModelError> error;
  int endings = 0;
  Clock::duration elapsed{};
};

class ProviderStreaming : public testing::TestWithParam<std::string> {
 protected:
  bool anthropic() const { return GetParam() == config::kAnthropicMessagesApi; }

  std::unique_ptr<ModelProvider> makeProvider() {
    config::ProviderSettings settings;
    settings.id = "scripted";
    settings.api = GetParam();
    settings.baseUrl = baseUrl.empty() ? server.baseUrl() + (anthropic() ? "" : "/v1") : baseUrl;
    settings.apiKey = "test-key";
    settings.timeoutMs = timeoutMs;
    if (anthropic()) return std::make_unique<AnthropicMessagesProvider>(io, settings, retry);
    return std::make_unique<OpenAiCompletionsProvider>(io, settings, retry);
  }

  static ModelRequest simpleRequest() {
    ModelRequest request;
    request.model = "scripted-model";
    request.systemPrompt = "Be brief.";
    request.messages.push_back(message("user", "hi"));
    request.tools.push_back({"read", "Reads a file", {{"type", "object"}}});
    return request;
  }

  // Runs one call to its end. `onDelta` may act on the call (e.g. cancel it).
  Outcome run(const ModelRequest& request = simpleRequest(),
              std::function<void(ModelCall&)> onDelta = {}) {
    auto provider = makeProvider();
    Outcome outcome;
    std::shared_ptr<ModelCall> call;
    const auto started = Clock::now();
    call = provider->stream(request, {[&](const std::string& delta) {
                                        outcome.deltas.push_back(delta);
                                        if (onDelta) onDelta(*call);
                                      },
                                      [&](AssistantTurn turn) {
                                        outcome.turn = std::move(turn);
                                        ++outcome.endings;
                                      },
                                      [&](ModelError error) {
                                        outcome.error = std::move(error);
                                        ++outcome.endings;
                                      }});
    // Bounded so a broken provider fails the test instead of hanging it.
    const auto limit = Clock::now() + 20s;
    while (outcome.endings == 0 && Clock::now() < limit) io.run_one_for(100ms);
    outcome.elapsed = Clock::now() - started;
    io.poll();  // anything else already queued (a second ending would be a bug)
    return outcome;
  }

  boost::asio::io_context io;
  ScriptedProvider server;
  RetryPolicy retry = fastRetries();
  std::int64_t timeoutMs = 20'000;
  std::string baseUrl;  // empty: the scripted server
};

TEST_P(ProviderStreaming, StreamsTextDeltasInOrderWithUsage) {
  server.enqueue(ScriptedReply::text({"Hel", "lo, ", "world"}));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.turn) << outcome.error->message;
  EXPECT_EQ(outcome.endings, 1);
  EXPECT_EQ(outcome.deltas, (std::vector<std::string>{"Hel", "lo, ", "world"}));
  EXPECT_EQ(outcome.turn->text, "Hello, world");
  EXPECT_EQ(outcome.turn->stopReason, "stop");
  EXPECT_TRUE(outcome.turn->toolCalls.empty());
  EXPECT_EQ(outcome.turn->usage.inputTokens, 11);
  EXPECT_EQ(outcome.turn->usage.outputTokens, 7);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const json body = requests[0].json();
  EXPECT_EQ(body["model"], "scripted-model");
  EXPECT_EQ(body["stream"], true);
  if (anthropic()) {
    EXPECT_EQ(requests[0].target, "/v1/messages");
    EXPECT_EQ(requests[0].headers.at("x-api-key"), "test-key");
    EXPECT_EQ(requests[0].headers.at("anthropic-version"), "2023-06-01");
    EXPECT_EQ(body["system"], "Be brief.");
    EXPECT_EQ(body["tools"][0]["input_schema"]["type"], "object");
  } else {
    EXPECT_EQ(requests[0].target, "/v1/chat/completions");
    EXPECT_EQ(requests[0].headers.at("authorization"), "Bearer test-key");
    EXPECT_EQ(body["stream_options"]["include_usage"], true);
    EXPECT_EQ(body["messages"][0]["role"], "system");
    EXPECT_EQ(body["tools"][0]["function"]["name"], "read");
  }
}

TEST_P(ProviderStreaming, AssemblesToolCallArgumentsSplitOverChunks) {
  ScriptedReply reply =
      ScriptedReply::toolCall("call_1", "read", {"{\"pa", "th\": \"a", ".txt\"}"});
  reply.toolCalls.push_back({"call_2", "list", {}});
  server.enqueue(reply);
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.turn) << outcome.error->message;
  EXPECT_TRUE(outcome.deltas.empty());
  EXPECT_EQ(outcome.turn->stopReason, "tool_calls");
  ASSERT_EQ(outcome.turn->toolCalls.size(), 2u);
  EXPECT_EQ(outcome.turn->toolCalls[0].id, "call_1");
  EXPECT_EQ(outcome.turn->toolCalls[0].name, "read");
  EXPECT_EQ(outcome.turn->toolCalls[0].arguments, json({{"path", "a.txt"}}));
  EXPECT_EQ(outcome.turn->toolCalls[1].name, "list");
  EXPECT_EQ(outcome.turn->toolCalls[1].arguments, json::object());
}

TEST_P(ProviderStreaming, ToolArgumentsThatAreNotJsonAreAProtocolError) {
  server.enqueue(ScriptedReply::toolCall("call_1", "read", {"{not json"}));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "protocol");
  EXPECT_NE(outcome.error->message.find("read"), std::string::npos);
}

TEST_P(ProviderStreaming, MalformedStreamDataIsAProtocolError) {
  ScriptedReply reply;
  reply.rawFrames = {"data: {broken\n\n"};
  server.enqueue(reply);
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "protocol");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_P(ProviderStreaming, AnswerThatIsNotAnEventStreamIsAProtocolError) {
  ScriptedReply plain = ScriptedReply::text({"{\"error\": \"streaming unsupported\"}"});
  plain.contentType = "application/json";
  plain.rawFrames = plain.textChunks;
  server.enqueue(plain);
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "protocol");
  EXPECT_NE(outcome.error->message.find("streaming unsupported"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_P(ProviderStreaming, StreamEndingWithoutItsFinalEventIsRetried) {
  ScriptedReply truncated;
  truncated.rawFrames = {": nothing but a comment\n\n"};
  server.enqueue(truncated);
  server.enqueue(ScriptedReply::text({"whole"}));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.turn) << outcome.error->message;
  EXPECT_EQ(outcome.turn->text, "whole");
}

TEST_P(ProviderStreaming, ErrorEventInTheStreamIsRetriedBeforeAnyText) {
  ScriptedReply overloaded;
  overloaded.rawFrames = {anthropic()
                              ? "event: error\ndata: {\"type\":\"error\",\"error\":"
                                "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
                              : "data: {\"error\":{\"message\":\"Overloaded\"}}\n\n"};
  server.enqueue(overloaded);
  server.enqueue(overloaded);
  server.enqueue(overloaded);
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "server");
  EXPECT_NE(outcome.error->message.find("Overloaded"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_P(ProviderStreaming, RetriesRateLimitAfterTheServersRetryAfter) {
  server.enqueue(ScriptedReply::httpError(429, "slow down", "1"));
  server.enqueue(ScriptedReply::text({"ok"}));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.turn) << outcome.error->message;
  EXPECT_EQ(outcome.turn->text, "ok");
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_GE(outcome.elapsed, 950ms);  // Retry-After: 1 beats the 10 ms backoff
}

TEST_P(ProviderStreaming, GivesUpAfterMaxAttemptsOfServerErrors) {
  for (int i = 0; i < 4; ++i) server.enqueue(ScriptedReply::httpError(500, "boom"));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.endings, 1);
  EXPECT_EQ(outcome.error->code, "server");
  EXPECT_EQ(outcome.error->httpStatus, 500);
  EXPECT_NE(outcome.error->message.find("boom"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_P(ProviderStreaming, AuthFailureIsNotRetried) {
  server.enqueue(ScriptedReply::httpError(401, "invalid x-api-key"));
  server.enqueue(ScriptedReply::text({"never"}));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "auth");
  EXPECT_EQ(outcome.error->httpStatus, 401);
  EXPECT_NE(outcome.error->message.find("invalid x-api-key"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_P(ProviderStreaming, BadRequestIsNotRetried) {
  server.enqueue(ScriptedReply::httpError(400, "unknown model"));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "bad_request");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_P(ProviderStreaming, DisconnectAfterTextReachedTheCallerFailsWithoutRetry) {
  ScriptedReply reply = ScriptedReply::text({"a", "b", "c", "d", "e"});
  reply.disconnectAfter = 4;  // text has been delivered in both dialects by then
  server.enqueue(reply);
  server.enqueue(ScriptedReply::text({"retried"}));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "network");
  EXPECT_FALSE(outcome.deltas.empty());
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_P(ProviderStreaming, DisconnectBeforeAnyTextIsRetried) {
  ScriptedReply reply = ScriptedReply::toolCall("call_1", "read", {"{}"});
  reply.disconnectAfter = 1;
  server.enqueue(reply);
  server.enqueue(ScriptedReply::text({"second try"}));
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.turn) << outcome.error->message;
  EXPECT_EQ(outcome.turn->text, "second try");
  EXPECT_TRUE(outcome.turn->toolCalls.empty());
}

TEST_P(ProviderStreaming, CancelStopsASlowStreamAtOnce) {
  ScriptedReply reply = ScriptedReply::text(std::vector<std::string>(20, "tick "));
  reply.chunkDelay = 100ms;
  server.enqueue(reply);
  Clock::time_point cancelledAt;
  const Outcome outcome = run(simpleRequest(), [&](ModelCall& call) {
    cancelledAt = Clock::now();
    call.cancel();
    call.cancel();  // idempotent
  });
  const auto endedAt = Clock::now();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.endings, 1);
  EXPECT_EQ(outcome.error->code, "cancelled");
  EXPECT_EQ(outcome.deltas.size(), 1u);
  // The rest of the stream would take 1.9 s; the error comes on the next turn of the loop.
  EXPECT_LT(endedAt - cancelledAt, 1s);
}

TEST_P(ProviderStreaming, OverallTimeoutEndsAHangingCall) {
  timeoutMs = 300;
  server.enqueue(ScriptedReply::hanging());
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "timeout");
  EXPECT_LT(outcome.elapsed, 5s);
}

TEST_P(ProviderStreaming, UnreachableServerIsANetworkErrorAfterRetries) {
  baseUrl = "http://127.0.0.1:1";  // nothing listens on port 1
  const Outcome outcome = run();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, "network");
}

INSTANTIATE_TEST_SUITE_P(Provider, ProviderStreaming,
                         testing::Values(config::kOpenAiCompletionsApi,
                                         config::kAnthropicMessagesApi),
                         [](const auto& param) {
                           return std::string(param.param) == config::kAnthropicMessagesApi
                                      ? "Anthropic"
                                      : "OpenAi";
                         });

// A conversation with a tool round trip, as the agent loop sends it back.
ModelRequest toolRoundTrip() {
  ModelRequest request;
  request.model = "m";
  request.messages.push_back(message("user", "read a.txt"));
  Message assistant = message("assistant", "");
  assistant.toolCalls.push_back({"call_1", "read", {{"path", "a.txt"}}});
  request.messages.push_back(assistant);
  Message result = message("tool", "no such file");
  result.toolCallId = "call_1";
  result.toolName = "read";
  result.isError = true;
  request.messages.push_back(result);
  request.messages.push_back(message("user", "try b.txt"));
  return request;
}

TEST(ProviderRequestBody, OpenAiSendsToolCallsAndToolResults) {
  const json body = openAiCompletionsBody(toolRoundTrip(), "max_tokens");
  const json& messages = body["messages"];
  ASSERT_EQ(messages.size(), 4u);  // no system prompt
  EXPECT_EQ(messages[1]["role"], "assistant");
  EXPECT_TRUE(messages[1]["content"].is_null());
  EXPECT_EQ(messages[1]["tool_calls"][0]["id"], "call_1");
  EXPECT_EQ(messages[1]["tool_calls"][0]["type"], "function");
  EXPECT_EQ(json::parse(messages[1]["tool_calls"][0]["function"]["arguments"].get<std::string>()),
            json({{"path", "a.txt"}}));
  EXPECT_EQ(messages[2],
            json({{"role", "tool"}, {"tool_call_id", "call_1"}, {"content", "no such file"}}));
  EXPECT_EQ(body["max_tokens"], 4096);
  EXPECT_FALSE(body.contains("tools"));
}

TEST(ProviderRequestBody, AnthropicMergesToolResultsIntoAlternatingTurns) {
  const json body = anthropicMessagesBody(toolRoundTrip());
  const json& messages = body["messages"];
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[1]["role"], "assistant");
  ASSERT_EQ(messages[1]["content"].size(), 1u);  // no empty text block
  EXPECT_EQ(messages[1]["content"][0], json({{"type", "tool_use"},
                                             {"id", "call_1"},
                                             {"name", "read"},
                                             {"input", {{"path", "a.txt"}}}}));
  EXPECT_EQ(messages[2]["role"], "user");
  ASSERT_EQ(messages[2]["content"].size(), 2u);
  EXPECT_EQ(messages[2]["content"][0], json({{"type", "tool_result"},
                                             {"tool_use_id", "call_1"},
                                             {"content", "no such file"},
                                             {"is_error", true}}));
  EXPECT_EQ(messages[2]["content"][1], json({{"type", "text"}, {"text", "try b.txt"}}));
  EXPECT_FALSE(body.contains("system"));
}

}  // namespace
}  // namespace openclaw::agent::providers
