// The OpenAI-compatible HTTP API (GET /v1/models, POST /v1/chat/completions) of the real
// gateway binary, against the scripted model server: errors in the OpenAI envelope, answers
// whole and streamed, the client tool round trip, sessions, and that a turn over HTTP is an
// ordinary run operators see and a departing client aborts.
#include <gtest/gtest.h>

#include <functional>

#include "gateway_process.h"
#include "http_exchange.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::bodyOf;
using testsupport::errorType;
using testsupport::HttpHeaders;
using testsupport::HttpReply;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

constexpr const char* kPath = "/v1/chat/completions";

json enabled(const ScriptedProvider& provider) {
  json config = provider.gatewayConfig();
  config["gateway"]["http"]["endpoints"]["chatCompletions"]["enabled"] = true;
  return config;
}

HttpHeaders bearer(const std::string& token = GatewayProcess::kToken) {
  return testsupport::jsonBearerHeaders(token);
}

json hello(const std::string& text = "hi") {
  return {{"model", "openclaw"},
          {"messages", json::array({{{"role", "user"}, {"content", text}}})}};
}

// The parsed `data:` payloads of a streamed answer; [DONE] stays a string.
std::vector<json> events(const HttpReply& reply) {
  std::vector<json> out;
  for (const std::string& payload : testsupport::sseDataPayloads(reply.body)) {
    out.push_back(payload == "[DONE]" ? json(payload) : json::parse(payload));
  }
  return out;
}

// The user message the scripted model received last in request `index`.
std::string lastUserText(const ScriptedProvider& provider, std::size_t index) {
  const json messages = provider.requests().at(index).json().at("messages");
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->at("role") == "user") return it->at("content").dump();
  }
  return "";
}

class HttpChatCompletions : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  HttpReply post(const json& body, HttpHeaders headers = bearer()) {
    return testsupport::httpExchange(gateway.port(), "POST", kPath, headers, body.dump());
  }
  HttpReply get(const std::string& path, HttpHeaders headers = bearer()) {
    return testsupport::httpExchange(gateway.port(), "GET", path, headers);
  }

  ScriptedProvider provider;
  GatewayProcess gateway{enabled(provider)};
};

TEST(HttpChatCompletionsSwitch, OffByDefaultAndAReloadTurnsItOn) {
  ScriptedProvider provider;
  GatewayProcess gateway{provider.gatewayConfig()};
  gateway.start();
  auto post = [&] {
    return testsupport::httpExchange(gateway.port(), "POST", kPath, bearer(), hello().dump());
  };
  EXPECT_EQ(post().status, 404);
  EXPECT_EQ(testsupport::httpExchange(gateway.port(), "GET", "/v1/models", bearer()).status, 404);

  provider.enqueue(ScriptedReply::text({"on now"}));
  json patch;
  patch["gateway"]["http"]["endpoints"]["chatCompletions"]["enabled"] = true;
  gateway.editConfig(patch);
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied gateway.http.endpoints", 10s))
      << gateway.output();
  const HttpReply reply = post();
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(bodyOf(reply).at("choices").at(0).at("message").at("content"), "on now");
}

TEST_F(HttpChatCompletions, TheGatewayTokenIsRequired) {
  for (const HttpHeaders& headers :
       {HttpHeaders{{"Content-Type", "application/json"}}, bearer("wrong-token")}) {
    const HttpReply reply = post(hello(), headers);
    EXPECT_EQ(reply.status, 401);
    EXPECT_EQ(errorType(reply), "unauthorized");
  }
  EXPECT_EQ(get("/v1/models", {}).status, 401);
  EXPECT_TRUE(provider.requests().empty());
}

TEST_F(HttpChatCompletions, BadRequestsAreRefusedInTheOpenAiEnvelope) {
  auto raw = [&](const std::string& body) {
    return testsupport::httpExchange(gateway.port(), "POST", kPath, bearer(), body);
  };
  EXPECT_EQ(errorType(raw("{not json")), "invalid_request_error");
  EXPECT_EQ(raw("[1,2]").status, 400);
  EXPECT_EQ(raw("").status, 400);

  struct Case {
    json patch;
    std::string message;
  };
  for (const Case& bad : {
           Case{{{"temperature", 3}}, "`temperature` must be between 0 and 2."},
           Case{{{"max_tokens", 0}}, "max_tokens must be a positive safe integer"},
           Case{{{"stop", json::array({"a", "b", "c", "d", "e"})}},
                "Invalid stop: stop supports at most 4 sequences"},
           Case{{{"model", "gpt-4o"}}, "Invalid `model`. Use `openclaw` or `openclaw/<agentId>`."},
           Case{{{"model", "openclaw/ghost"}}, "Unknown agent 'ghost'."},
           Case{{{"messages", json::array({{{"role", "system"}, {"content", "only system"}}})}},
                "Missing user message in `messages`."},
           Case{{{"tools", json::array({{{"type", "function"}, {"function", {{"name", "f"}}}}})},
                 {"tool_choice", {{"type", "function"}, {"function", {{"name", "g"}}}}}},
                "Invalid tools/tool_choice: tool_choice requested unknown tool: g"},
       }) {
    json body = hello();
    body.merge_patch(bad.patch);
    const HttpReply reply = post(body);
    EXPECT_EQ(reply.status, 400) << bad.patch.dump();
    EXPECT_EQ(bodyOf(reply).at("error").at("message"), bad.message) << reply.body;
    EXPECT_EQ(errorType(reply), "invalid_request_error");
  }

  HttpHeaders reserved = bearer();
  reserved.emplace_back("x-openclaw-session-key", "cron:nightly");
  const HttpReply refused = post(hello(), reserved);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(bodyOf(refused).at("error").at("message"),
            "`x-openclaw-session-key` cannot use reserved internal session namespaces.");

  EXPECT_EQ(get(kPath).status, 405);
  const std::string huge(20 * 1024 * 1024 + 1, ' ');
  const HttpReply tooLarge = raw(huge);
  EXPECT_EQ(tooLarge.status, 413);
  EXPECT_EQ(errorType(tooLarge), "invalid_request_error");
  EXPECT_TRUE(provider.requests().empty()) << "no bad request reached the model";
}

TEST_F(HttpChatCompletions, AnAnswerIsOneChatCompletionAndOperatorsSeeTheRun) {
  provider.enqueue(ScriptedReply::text({"Hello ", "there"}));
  auto watcher = gateway.connect();
  json body = hello("say hello");
  body["model"] = "openclaw/default";
  body["messages"].insert(body["messages"].begin(),
                          json{{"role", "system"}, {"content", "Speak like a pirate."}});
  const HttpReply reply = post(body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json completion = bodyOf(reply);
  const std::string id = completion.at("id");
  EXPECT_EQ(id.rfind("chatcmpl_", 0), 0u) << id;
  EXPECT_EQ(completion.at("object"), "chat.completion");
  EXPECT_EQ(completion.at("model"), "openclaw/default");
  EXPECT_GT(completion.at("created").get<std::int64_t>(), 1'600'000'000);
  const json& choice = completion.at("choices").at(0);
  EXPECT_EQ(choice.at("message"), (json{{"role", "assistant"}, {"content", "Hello there"}}));
  EXPECT_EQ(choice.at("finish_reason"), "stop");
  EXPECT_EQ(completion.at("usage"),
            (json{{"prompt_tokens", 11}, {"completion_tokens", 7}, {"total_tokens", 18}}));

  // The model got the user's text as the message and the system text in its system prompt.
  ASSERT_EQ(provider.requests().size(), 1u);
  const json sent = provider.requests()[0].json();
  EXPECT_EQ(lastUserText(provider, 0), "\"say hello\"");
  EXPECT_NE(sent.at("messages").at(0).at("content").dump().find("Speak like a pirate."),
            std::string::npos);

  // An ordinary run: operators saw it end, under the completion's id, in a fresh session.
  const json final = waitForEvent(watcher, [&](const json& e) { return isChat(e, id, "final"); });
  const std::string sessionKey = final.at("payload").at("sessionKey");
  EXPECT_EQ(sessionKey.rfind("agent:main:openai:", 0), 0u) << sessionKey;
  const json history = watcher.call("chat.history", {{"sessionKey", sessionKey}}).at("messages");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].at("role"), "assistant");
}

TEST_F(HttpChatCompletions, AStreamedAnswerIsChunksThenUsageThenDone) {
  provider.enqueue(ScriptedReply::text({"Hel", "lo", "!"}));
  json body = hello();
  body["stream"] = true;
  body["stream_options"] = {{"include_usage", true}};
  const HttpReply reply = post(body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type").rfind("text/event-stream", 0), 0u);
  const std::vector<json> frames = events(reply);
  ASSERT_GE(frames.size(), 4u) << reply.body;
  EXPECT_EQ(frames.front().at("choices").at(0).at("delta"), (json{{"role", "assistant"}}));
  EXPECT_EQ(frames.back(), "[DONE]");
  std::string text;
  std::vector<std::string> finishes;
  const std::string id = frames.front().at("id");
  for (std::size_t i = 0; i + 2 < frames.size(); ++i) {
    EXPECT_EQ(frames[i].at("object"), "chat.completion.chunk");
    EXPECT_EQ(frames[i].at("id"), id);
    const json& choice = frames[i].at("choices").at(0);
    text += choice.at("delta").value("content", "");
    if (!choice.at("finish_reason").is_null()) finishes.push_back(choice.at("finish_reason"));
  }
  EXPECT_EQ(text, "Hello!");
  EXPECT_EQ(finishes, std::vector<std::string>{"stop"});
  const json usage = frames[frames.size() - 2];
  EXPECT_EQ(usage.at("choices"), json::array());
  EXPECT_EQ(usage.at("usage").at("total_tokens"), 18);
}

TEST_F(HttpChatCompletions, ClientToolCallsComeBackAndTheFollowUpAnswers) {
  provider.enqueue(
      ScriptedReply::toolCall("call_w1", "get_weather", {R"({"city":)", R"("Paris"})"}));
  provider.enqueue(ScriptedReply::text({"It is sunny in Paris."}));
  const json tools =
      json::array({{{"type", "function"},
                    {"function",
                     {{"name", "get_weather"},
                      {"description", "Current weather"},
                      {"parameters",
                       {{"type", "object"}, {"properties", {{"city", {{"type", "string"}}}}}}}}}}});
  json first = hello("Weather in Paris?");
  first["tools"] = tools;
  const HttpReply called = post(first);
  ASSERT_EQ(called.status, 200) << called.body;
  const json calledBody = bodyOf(called);
  const json& choice = calledBody.at("choices").at(0);
  EXPECT_EQ(choice.at("finish_reason"), "tool_calls");
  const json call = choice.at("message").at("tool_calls").at(0);
  EXPECT_EQ(call.at("id"), "call_w1");
  EXPECT_EQ(call.at("type"), "function");
  EXPECT_EQ(call.at("function").at("name"), "get_weather");
  EXPECT_EQ(json::parse(call.at("function").at("arguments").get<std::string>()),
            (json{{"city", "Paris"}}));
  // The client's tool was offered beside the agent's own, and not run by the gateway.
  const std::string offered = provider.requests().at(0).json().at("tools").dump();
  EXPECT_NE(offered.find("get_weather"), std::string::npos);
  EXPECT_NE(offered.find("\"read\""), std::string::npos);
  ASSERT_EQ(provider.requests().size(), 1u);

  json followUp = first;
  followUp["messages"].push_back(choice.at("message"));
  followUp["messages"].push_back(
      {{"role", "tool"}, {"tool_call_id", "call_w1"}, {"content", "sunny, 24C"}});
  const HttpReply answered = post(followUp);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(bodyOf(answered).at("choices").at(0).at("message").at("content"),
            "It is sunny in Paris.");
  EXPECT_EQ(bodyOf(answered).at("choices").at(0).at("finish_reason"), "stop");
  const std::string sent = lastUserText(provider, 1);
  EXPECT_NE(sent.find("tool_call id=call_w1 name=get_weather"), std::string::npos) << sent;
  EXPECT_NE(sent.find("Tool:call_w1: sunny, 24C"), std::string::npos) << sent;
}

TEST_F(HttpChatCompletions, StreamedToolCallsArriveAsToolCallDeltas) {
  provider.enqueue(ScriptedReply::toolCall("call_s1", "lookup", {R"({"q":"x"})"}));
  json body = hello("look it up");
  body["stream"] = true;
  body["tools"] = json::array({{{"type", "function"}, {"function", {{"name", "lookup"}}}}});
  body["tool_choice"] = "required";
  const HttpReply reply = post(body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string arguments;
  std::string name;
  std::string finish;
  for (const json& frame : events(reply)) {
    if (!frame.is_object()) continue;
    ASSERT_FALSE(frame.contains("error")) << frame.dump();
    const json& choice = frame.at("choices").at(0);
    if (!choice.at("finish_reason").is_null()) finish = choice.at("finish_reason");
    for (const json& call : choice.at("delta").value("tool_calls", json::array())) {
      EXPECT_EQ(call.at("index"), 0);
      if (call.contains("id")) {
        EXPECT_EQ(call.at("id"), "call_s1");
        name = call.at("function").at("name");
      }
      arguments += call.at("function").at("arguments").get<std::string>();
    }
  }
  EXPECT_EQ(name, "lookup");
  EXPECT_EQ(json::parse(arguments), (json{{"q", "x"}}));
  EXPECT_EQ(finish, "tool_calls");
}

TEST_F(HttpChatCompletions, TheUserFieldKeepsOneSessionAcrossRequests) {
  provider.enqueue(ScriptedReply::text({"Noted: blue."}));
  provider.enqueue(ScriptedReply::text({"Blue."}));
  json first = hello("My favourite colour is blue.");
  first["user"] = "conv-42";
  ASSERT_EQ(post(first).status, 200);
  json second = hello("What is my favourite colour?");
  second["user"] = "conv-42";
  ASSERT_EQ(post(second).status, 200);
  ASSERT_EQ(provider.requests().size(), 2u);
  const std::string context = provider.requests()[1].json().at("messages").dump();
  EXPECT_NE(context.find("My favourite colour is blue."), std::string::npos) << context;
  EXPECT_NE(context.find("Noted: blue."), std::string::npos) << context;

  auto operatorClient = gateway.connect();
  const json history =
      operatorClient.call("chat.history", {{"sessionKey", "agent:main:openai-user:conv-42"}})
          .at("messages");
  EXPECT_EQ(history.size(), 4u);
}

TEST_F(HttpChatCompletions, AClientThatHangsUpMidStreamAbortsTheRun) {
  ScriptedReply slow = ScriptedReply::text({"first words ", "more ", "more ", "more ", "end"});
  slow.chunkDelay = 400ms;
  provider.enqueue(slow);
  auto watcher = gateway.connect();
  json body = hello("talk slowly");
  body["stream"] = true;
  testsupport::HttpStreamingExchange exchange(gateway.port(), "POST", kPath, bearer(), body.dump());
  ASSERT_TRUE(exchange.readUntil("first words", 15s)) << exchange.raw();
  const std::size_t idAt = exchange.raw().find("chatcmpl_");
  ASSERT_NE(idAt, std::string::npos);
  const std::string id = exchange.raw().substr(idAt, exchange.raw().find('"', idAt) - idAt);
  exchange.close();

  const json aborted =
      waitForEvent(watcher, [&](const json& e) { return isChat(e, id, "aborted"); });
  const json waited = watcher.call("agent.wait", {{"runId", id}, {"timeoutMs", 5000}});
  EXPECT_EQ(waited.at("status"), "error");
  EXPECT_EQ(
      aborted.at("payload").at("sessionKey").get<std::string>().rfind("agent:main:openai:", 0), 0u);
}

TEST_F(HttpChatCompletions, ModelsListTheAgentTargets) {
  const HttpReply list = get("/v1/models");
  ASSERT_EQ(list.status, 200) << list.body;
  const json models = bodyOf(list);
  EXPECT_EQ(models.at("object"), "list");
  std::vector<std::string> ids;
  for (const json& model : models.at("data")) {
    ids.push_back(model.at("id"));
    EXPECT_EQ(model.at("object"), "model");
    EXPECT_EQ(model.at("owned_by"), "openclaw");
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"openclaw", "openclaw/default", "openclaw/main"}));

  const HttpReply one = get("/v1/models/openclaw%2Fdefault");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(bodyOf(one).at("id"), "openclaw/default");
  EXPECT_EQ(get("/v1/models/openclaw/main").status, 200);

  const HttpReply ghost = get("/v1/models/openclaw%2Fghost");
  EXPECT_EQ(ghost.status, 404);
  EXPECT_EQ(bodyOf(ghost).at("error"), (json{{"message", "Model 'openclaw/ghost' not found."},
                                             {"type", "invalid_request_error"}}));
  EXPECT_EQ(get("/v1/models/gpt-4o").status, 400);
  EXPECT_EQ(get("/v1/models/%zz").status, 400);
}

}  // namespace
}  // namespace openclaw::e2e
