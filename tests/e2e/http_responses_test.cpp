// POST /v1/responses (OpenResponses) of the real gateway binary against the scripted model
// server: the switch, errors in the OpenAI envelope, response objects whole and as typed SSE
// events, previous_response_id continuing a session, the client tool round trip, failed runs
// as failed responses, and that a departing client aborts the run.
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

constexpr const char* kPath = "/v1/responses";

json enabled(const ScriptedProvider& provider) {
  json config = provider.gatewayConfig();
  config["gateway"]["http"]["endpoints"]["responses"]["enabled"] = true;
  return config;
}

HttpHeaders bearer(const std::string& token = GatewayProcess::kToken) {
  return testsupport::jsonBearerHeaders(token);
}

json ask(const std::string& text = "hi") { return {{"model", "openclaw"}, {"input", text}}; }

// The typed events of a streamed answer ("event: <type>" + "data: <json>"), checking that each
// event line names its payload's type; [DONE] is the string "[DONE]".
std::vector<json> typedEvents(const std::string& body) {
  std::vector<json> events;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    const std::string frame = body.substr(start, end - start);
    start = end + 2;
    if (frame.empty()) continue;
    if (frame == "data: [DONE]") {
      events.emplace_back("[DONE]");
      continue;
    }
    const std::size_t newline = frame.find('\n');
    EXPECT_EQ(frame.rfind("event: ", 0), 0u) << frame;
    EXPECT_EQ(frame.compare(newline + 1, 6, "data: "), 0) << frame;
    json data = json::parse(frame.substr(newline + 7));
    EXPECT_EQ(data.at("type"), frame.substr(7, newline - 7));
    events.push_back(std::move(data));
  }
  return events;
}

std::vector<std::string> typesOf(const std::vector<json>& events) {
  std::vector<std::string> types;
  for (const json& event : events) types.push_back(event.is_string() ? "[DONE]" : event.at("type"));
  return types;
}

// Everything the scripted model was sent in request `index` (system prompt and messages).
std::string sentTo(const ScriptedProvider& provider, std::size_t index) {
  return provider.requests().at(index).json().at("messages").dump();
}

class HttpResponses : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  HttpReply post(const json& body, HttpHeaders headers = bearer()) {
    return testsupport::httpExchange(gateway.port(), "POST", kPath, headers, body.dump());
  }

  ScriptedProvider provider;
  GatewayProcess gateway{enabled(provider)};
};

TEST(HttpResponsesSwitch, OffByDefaultAndAReloadTurnsItOn) {
  ScriptedProvider provider;
  GatewayProcess gateway{provider.gatewayConfig()};
  gateway.start();
  auto post = [&] {
    return testsupport::httpExchange(gateway.port(), "POST", kPath, bearer(), ask().dump());
  };
  EXPECT_EQ(post().status, 404);

  provider.enqueue(ScriptedReply::text({"on now"}));
  json patch;
  patch["gateway"]["http"]["endpoints"]["responses"]["enabled"] = true;
  gateway.editConfig(patch);
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied gateway.http.endpoints", 10s))
      << gateway.output();
  const HttpReply reply = post();
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(bodyOf(reply).at("output").at(0).at("content").at(0).at("text"), "on now");
}

TEST_F(HttpResponses, TheGatewayTokenIsRequired) {
  for (const HttpHeaders& headers :
       {HttpHeaders{{"Content-Type", "application/json"}}, bearer("wrong-token")}) {
    const HttpReply reply = post(ask(), headers);
    EXPECT_EQ(reply.status, 401);
    EXPECT_EQ(errorType(reply), "unauthorized");
  }
  EXPECT_TRUE(provider.requests().empty());
}

TEST_F(HttpResponses, BadRequestsAreRefusedInTheOpenAiEnvelope) {
  auto raw = [&](const std::string& body) {
    return testsupport::httpExchange(gateway.port(), "POST", kPath, bearer(), body);
  };
  EXPECT_EQ(errorType(raw("{not json")), "invalid_request_error");
  EXPECT_EQ(raw("[1,2]").status, 400);
  EXPECT_EQ(raw("").status, 400);

  const json image = json::parse(
      R"({"type":"input_image","source":{"type":"url","url":"https://example.com/a.png"}})");
  struct Case {
    json body;
    std::string message;
  };
  for (const Case& bad : {
           Case{{{"input", "hi"}}, "model: Invalid input: expected string, received undefined"},
           Case{{{"model", "openclaw"}}, "input: Invalid input"},
           Case{{{"model", "openclaw"}, {"input", "hi"}, {"stream", "yes"}},
                "stream: Invalid input: expected boolean, received string"},
           Case{{{"model", "openclaw"}, {"input", "hi"}, {"colour", "blue"}},
                R"(: Unrecognized key: "colour")"},
           Case{{{"model", "gpt-4o"}, {"input", "hi"}},
                "Invalid `model`. Use `openclaw` or `openclaw/<agentId>`."},
           Case{{{"model", "openclaw/ghost"}, {"input", "hi"}}, "Unknown agent 'ghost'."},
           Case{{{"model", "openclaw"},
                 {"input",
                  json::array(
                      {{{"type", "message"}, {"role", "system"}, {"content", "only system"}}})}},
                "Missing user message in `input`."},
           Case{{{"model", "openclaw"},
                 {"input", "hi"},
                 {"tools", json::array({{{"type", "function"}, {"name", "f"}}})},
                 {"tool_choice", {{"type", "function"}, {"name", "g"}}}},
                "invalid tool configuration"},
           Case{{{"model", "openclaw"},
                 {"input",
                  json::array({{{"type", "message"}, {"role", "user"}, {"content", {image}}}})}},
                "Invalid input_image/input_file content in `input`: this gateway does not take "
                "images or files."},
       }) {
    const HttpReply reply = post(bad.body);
    EXPECT_EQ(reply.status, 400) << bad.body.dump();
    EXPECT_EQ(bodyOf(reply).at("error").at("message"), bad.message) << reply.body;
    EXPECT_EQ(errorType(reply), "invalid_request_error");
  }

  HttpHeaders reserved = bearer();
  reserved.emplace_back("x-openclaw-session-key", "cron:nightly");
  EXPECT_EQ(post(ask(), reserved).status, 400);

  EXPECT_EQ(testsupport::httpExchange(gateway.port(), "GET", kPath, bearer()).status, 405);
  const HttpReply tooLarge = raw(std::string(20 * 1024 * 1024 + 1, ' '));
  EXPECT_EQ(tooLarge.status, 413);
  EXPECT_EQ(errorType(tooLarge), "invalid_request_error");
  EXPECT_TRUE(provider.requests().empty()) << "no bad request reached the model";
}

TEST_F(HttpResponses, AnAnswerIsOneResponseObjectOfAnOrdinaryRun) {
  provider.enqueue(ScriptedReply::text({"Hello ", "there"}));
  auto watcher = gateway.connect();
  json body = ask("say hello");
  body["model"] = "openclaw/default";
  body["instructions"] = "Speak like a pirate.";
  body["metadata"] = {{"ticket", "42"}};
  const HttpReply reply = post(body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json response = bodyOf(reply);
  const std::string id = response.at("id");
  EXPECT_EQ(id.rfind("resp_", 0), 0u) << id;
  EXPECT_EQ(response.at("object"), "response");
  EXPECT_EQ(response.at("status"), "completed");
  EXPECT_EQ(response.at("model"), "openclaw/default");
  EXPECT_GT(response.at("created_at").get<std::int64_t>(), 1'600'000'000);
  ASSERT_EQ(response.at("output").size(), 1u);
  const json& message = response.at("output").at(0);
  EXPECT_EQ(message.at("type"), "message");
  EXPECT_EQ(message.at("role"), "assistant");
  EXPECT_EQ(message.at("status"), "completed");
  EXPECT_EQ(message.at("content"), json::parse(R"([{"type":"output_text","text":"Hello there"}])"));
  EXPECT_EQ(response.at("usage").at("input_tokens"), 11);
  EXPECT_EQ(response.at("usage").at("output_tokens"), 7);
  EXPECT_EQ(response.at("usage").at("total_tokens"), 18);

  ASSERT_EQ(provider.requests().size(), 1u);
  const std::string sent = sentTo(provider, 0);
  EXPECT_NE(sent.find("Speak like a pirate."), std::string::npos) << sent;
  EXPECT_NE(sent.find("say hello"), std::string::npos) << sent;

  // An ordinary run under the response's id, in a fresh openresponses session.
  const json final = waitForEvent(watcher, [&](const json& e) { return isChat(e, id, "final"); });
  const std::string sessionKey = final.at("payload").at("sessionKey");
  EXPECT_EQ(sessionKey.rfind("agent:main:openresponses:", 0), 0u) << sessionKey;
}

TEST_F(HttpResponses, AStreamedAnswerIsTheTypedEventSequence) {
  provider.enqueue(ScriptedReply::text({"Hel", "lo", "!"}));
  json body = ask();
  body["stream"] = true;
  const HttpReply reply = post(body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type").rfind("text/event-stream", 0), 0u);
  const std::vector<json> events = typedEvents(reply.body);
  const std::vector<std::string> types = typesOf(events);
  ASSERT_GE(types.size(), 9u) << reply.body;
  EXPECT_EQ(
      std::vector<std::string>(types.begin(), types.begin() + 4),
      (std::vector<std::string>{"response.created", "response.in_progress",
                                "response.output_item.added", "response.content_part.added"}));
  EXPECT_EQ(std::vector<std::string>(types.end() - 6, types.end()),
            (std::vector<std::string>{"response.output_text.delta", "response.output_text.done",
                                      "response.content_part.done", "response.output_item.done",
                                      "response.completed", "[DONE]"}));
  std::string text;
  const std::string id = events.front().at("response").at("id");
  for (std::size_t i = 0; i + 1 < events.size(); ++i) {
    EXPECT_EQ(events[i].at("sequence_number"), i);
    if (events[i].at("type") == "response.output_text.delta") text += events[i].at("delta");
  }
  EXPECT_EQ(text, "Hello!");
  const json& completed = events[events.size() - 2].at("response");
  EXPECT_EQ(completed.at("id"), id);
  EXPECT_EQ(completed.at("status"), "completed");
  EXPECT_EQ(completed.at("output").at(0).at("content").at(0).at("text"), "Hello!");
  EXPECT_EQ(completed.at("usage").at("total_tokens"), 18);
}

TEST_F(HttpResponses, PreviousResponseIdContinuesTheSession) {
  provider.enqueue(ScriptedReply::text({"Noted: blue."}));
  provider.enqueue(ScriptedReply::text({"Blue."}));
  provider.enqueue(ScriptedReply::text({"No idea."}));
  const HttpReply first = post(ask("My favourite colour is blue."));
  ASSERT_EQ(first.status, 200) << first.body;
  json second = ask("What is my favourite colour?");
  second["previous_response_id"] = bodyOf(first).at("id");
  const HttpReply answered = post(second);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(bodyOf(answered).at("output").at(0).at("content").at(0).at("text"), "Blue.");
  const std::string context = sentTo(provider, 1);
  EXPECT_NE(context.find("My favourite colour is blue."), std::string::npos) << context;
  EXPECT_NE(context.find("Noted: blue."), std::string::npos) << context;

  // An id this gateway never answered starts a fresh session, as upstream.
  json unknown = ask("And mine?");
  unknown["previous_response_id"] = "resp_never-issued";
  ASSERT_EQ(post(unknown).status, 200);
  EXPECT_EQ(sentTo(provider, 2).find("favourite"), std::string::npos) << sentTo(provider, 2);
}

TEST_F(HttpResponses, TheUserFieldKeepsOneSession) {
  provider.enqueue(ScriptedReply::text({"ok"}));
  json body = ask("remember me");
  body["user"] = "conv-7";
  ASSERT_EQ(post(body).status, 200);
  auto operatorClient = gateway.connect();
  const json history =
      operatorClient.call("chat.history", {{"sessionKey", "agent:main:openresponses-user:conv-7"}})
          .at("messages");
  EXPECT_EQ(history.size(), 2u);
}

TEST_F(HttpResponses, AClientToolCallComesBackAndItsOutputContinuesTheTurn) {
  provider.enqueue(
      ScriptedReply::toolCall("call_w1", "get_weather", {R"({"city":)", R"("Paris"})"}));
  provider.enqueue(ScriptedReply::text({"It is sunny in Paris."}));
  json first = ask("Weather in Paris?");
  first["tools"] = json::parse(R"([{"type":"function","name":"get_weather",
    "description":"Current weather",
    "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}])");
  const HttpReply called = post(first);
  ASSERT_EQ(called.status, 200) << called.body;
  const json response = bodyOf(called);
  EXPECT_EQ(response.at("status"), "completed");
  const json& output = response.at("output");
  ASSERT_EQ(output.size(), 1u) << called.body;
  EXPECT_EQ(output[0].at("type"), "function_call");
  EXPECT_EQ(output[0].at("call_id"), "call_w1");
  EXPECT_EQ(output[0].at("name"), "get_weather");
  EXPECT_EQ(json::parse(output[0].at("arguments").get<std::string>()), (json{{"city", "Paris"}}));
  // Offered beside the agent's own tools, and not run by the gateway.
  const std::string offered = provider.requests().at(0).json().at("tools").dump();
  EXPECT_NE(offered.find("get_weather"), std::string::npos);
  EXPECT_NE(offered.find("\"read\""), std::string::npos);
  ASSERT_EQ(provider.requests().size(), 1u);

  const json followUp = {{"model", "openclaw"},
                         {"previous_response_id", response.at("id")},
                         {"tools", first.at("tools")},
                         {"input", json::array({{{"type", "function_call_output"},
                                                 {"call_id", "call_w1"},
                                                 {"output", "sunny, 24C"}}})}};
  const HttpReply answered = post(followUp);
  ASSERT_EQ(answered.status, 200) << answered.body;
  const json message = bodyOf(answered).at("output").at(0);
  EXPECT_EQ(message.at("content").at(0).at("text"), "It is sunny in Paris.");
  const std::string sent = sentTo(provider, 1);
  EXPECT_NE(sent.find("Tool:call_w1: sunny, 24C"), std::string::npos) << sent;
  EXPECT_NE(sent.find("Weather in Paris?"), std::string::npos) << "same session: " << sent;
}

TEST_F(HttpResponses, AFailingModelGivesAFailedResponse) {
  provider.enqueue(ScriptedReply::httpError(400, "the model refuses"));
  const HttpReply reply = post(ask());
  EXPECT_GE(reply.status, 500) << reply.body;
  const json failed = bodyOf(reply);
  EXPECT_EQ(failed.at("object"), "response");
  EXPECT_EQ(failed.at("status"), "failed");
  EXPECT_EQ(failed.at("output"), json::array());
  EXPECT_EQ(failed.at("error").at("code"), "api_error");
  EXPECT_FALSE(failed.at("error").at("message").get<std::string>().empty());

  provider.enqueue(ScriptedReply::httpError(400, "the model refuses again"));
  json body = ask();
  body["stream"] = true;
  const HttpReply streamed = post(body);
  ASSERT_EQ(streamed.status, 200) << streamed.body;
  const std::vector<json> events = typedEvents(streamed.body);
  ASSERT_GE(events.size(), 2u) << streamed.body;
  EXPECT_EQ(events.back(), "[DONE]");
  const json& last = events[events.size() - 2];
  EXPECT_EQ(last.at("type"), "response.failed");
  EXPECT_EQ(last.at("response").at("status"), "failed");
  EXPECT_EQ(last.at("response").at("error").at("code"), "api_error");
}

TEST_F(HttpResponses, AClientThatHangsUpMidStreamAbortsTheRun) {
  ScriptedReply slow = ScriptedReply::text({"first words ", "more ", "more ", "more ", "end"});
  slow.chunkDelay = 400ms;
  provider.enqueue(slow);
  auto watcher = gateway.connect();
  json body = ask("talk slowly");
  body["stream"] = true;
  testsupport::HttpStreamingExchange exchange(gateway.port(), "POST", kPath, bearer(), body.dump());
  ASSERT_TRUE(exchange.readUntil("first words", 15s)) << exchange.raw();
  const std::size_t idAt = exchange.raw().find("resp_");
  ASSERT_NE(idAt, std::string::npos);
  const std::string id = exchange.raw().substr(idAt, exchange.raw().find('"', idAt) - idAt);
  exchange.close();

  const json aborted =
      waitForEvent(watcher, [&](const json& e) { return isChat(e, id, "aborted"); });
  EXPECT_EQ(aborted.at("payload")
                .at("sessionKey")
                .get<std::string>()
                .rfind("agent:main:openresponses:", 0),
            0u);
}

TEST_F(HttpResponses, AClientThatHangsUpBeforeTheAnswerAbortsTheRunToo) {
  ScriptedReply slow = ScriptedReply::text({"slow ", "answer"});
  slow.chunkDelay = 1s;
  provider.enqueue(slow);
  auto watcher = gateway.connect();
  testsupport::HttpStreamingExchange exchange(gateway.port(), "POST", kPath, bearer(),
                                              ask("take your time").dump());
  const json started = waitForEvent(watcher, [](const json& e) {
    return e.value("event", "") == "agent" && e.at("payload").value("stream", "") == "lifecycle";
  });
  const std::string id = started.at("payload").at("runId");
  EXPECT_EQ(id.rfind("resp_", 0), 0u) << id;
  exchange.close();
  waitForEvent(watcher, [&](const json& e) { return isChat(e, id, "aborted"); });
}

}  // namespace
}  // namespace openclaw::e2e
