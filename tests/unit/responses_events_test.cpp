// The OpenResponses response objects and typed SSE events, and the bounded memory that lets
// previous_response_id continue a session.
#include "httpapi/responses_events.h"

#include <gtest/gtest.h>

#include <set>

#include "httpapi/responses_sessions.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

ResponseIdentity identity() { return {"resp_1", 1700000000, "openclaw", "msg_1"}; }

struct SseEvent {
  std::string type;  // the `event:` line; "" for the [DONE] line
  json data;         // null for [DONE]
};

// Splits SSE text into its events, checking each has the `event:`/`data:` form and that the
// event name is the payload's type.
std::vector<SseEvent> events(const std::string& text) {
  std::vector<SseEvent> parsed;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\n\n", start);
    EXPECT_NE(end, std::string::npos) << "unterminated event in " << text;
    if (end == std::string::npos) break;
    const std::string frame = text.substr(start, end - start);
    start = end + 2;
    if (frame == "data: [DONE]") {
      parsed.push_back({"", nullptr});
      continue;
    }
    const std::size_t newline = frame.find('\n');
    EXPECT_EQ(frame.rfind("event: ", 0), 0u) << frame;
    EXPECT_EQ(frame.compare(newline + 1, 6, "data: "), 0) << frame;
    SseEvent event{frame.substr(7, newline - 7), json::parse(frame.substr(newline + 7))};
    EXPECT_EQ(event.data.at("type"), event.type);
    parsed.push_back(std::move(event));
  }
  return parsed;
}

std::vector<std::string> types(const std::vector<SseEvent>& list) {
  std::vector<std::string> names;
  for (const SseEvent& event : list) names.push_back(event.type.empty() ? "[DONE]" : event.type);
  return names;
}

TEST(HttpResponsesEvents, FreshIdentitiesAreUnique) {
  const ResponseIdentity a = ResponseIdentity::fresh("openclaw");
  const ResponseIdentity b = ResponseIdentity::fresh("openclaw");
  EXPECT_EQ(a.id.rfind("resp_", 0), 0u);
  EXPECT_EQ(a.messageItemId.rfind("msg_", 0), 0u);
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.messageItemId, b.messageItemId);
  EXPECT_GT(a.createdAt, 1'600'000'000);
  EXPECT_LT(a.createdAt, 10'000'000'000);  // seconds, not milliseconds
}

TEST(HttpResponsesEvents, CompletedResponseCarriesTheAnswerAndUsage) {
  const json response = finishedResponse(identity(), {"completed", "Hello!", {}, {11, 7}, ""});
  EXPECT_EQ(response, json::parse(R"({
    "id":"resp_1","object":"response","created_at":1700000000,"status":"completed",
    "model":"openclaw",
    "output":[{"type":"message","id":"msg_1","role":"assistant",
               "content":[{"type":"output_text","text":"Hello!"}],
               "phase":"final_answer","status":"completed"}],
    "usage":{"input_tokens":11,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},
             "output_tokens":7,"output_tokens_details":{"reasoning_tokens":0},
             "total_tokens":18}})"));
}

TEST(HttpResponsesEvents, SilentModelAndTruncatedAnswer) {
  const json silent = finishedResponse(identity(), {"completed", "", {}, {}, ""});
  EXPECT_EQ(silent.at("output").at(0).at("content").at(0).at("text"), "No response from OpenClaw.");

  const json truncated = finishedResponse(identity(), {"incomplete", "Once upon", {}, {}, ""});
  EXPECT_EQ(truncated.at("status"), "incomplete");
  EXPECT_EQ(truncated.at("incomplete_details"), json({{"reason", "max_output_tokens"}}));
  EXPECT_EQ(truncated.at("output").at(0).at("status"), "incomplete");
}

TEST(HttpResponsesEvents, ClientToolCallsBecomeFunctionCallItems) {
  const ResponseOutcome outcome{
      "completed",
      "Let me check.",
      {{"call_a", "get_weather", R"({"city":"Paris"})"}, {"call_b", "get_time", "{}"}},
      {3, 4},
      ""};
  const json output = finishedResponse(identity(), outcome).at("output");
  ASSERT_EQ(output.size(), 3u);
  EXPECT_EQ(output[0].at("phase"), "commentary");
  EXPECT_EQ(output[0].at("content").at(0).at("text"), "Let me check.");
  EXPECT_EQ(output[1].at("type"), "function_call");
  EXPECT_EQ(output[1].at("call_id"), "call_a");
  EXPECT_EQ(output[1].at("name"), "get_weather");
  EXPECT_EQ(output[1].at("arguments"), R"({"city":"Paris"})");
  EXPECT_EQ(output[2].at("call_id"), "call_b");
  EXPECT_NE(output[1].at("id"), output[2].at("id"));
  EXPECT_EQ(output[1].at("id").get<std::string>().rfind("call_", 0), 0u);

  // Without text there is no message item at all.
  const json bare = finishedResponse(identity(), {"completed", "", outcome.toolCalls, {}, ""});
  EXPECT_EQ(bare.at("output").size(), 2u);
  EXPECT_EQ(bare.at("output")[0].at("type"), "function_call");
}

TEST(HttpResponsesEvents, FailedResponseHasNoOutputAndAnError) {
  const json failed = failedResponse(identity(), "api_error", "upstream provider error", {5, 0});
  EXPECT_EQ(failed.at("status"), "failed");
  EXPECT_EQ(failed.at("output"), json::array());
  EXPECT_EQ(failed.at("error"),
            json({{"code", "api_error"}, {"message", "upstream provider error"}}));
  EXPECT_EQ(failed.at("usage").at("input_tokens"), 5);
}

TEST(HttpResponsesEvents, StreamedAnswerFollowsUpstreamsEventOrder) {
  ResponseEventStream stream(identity());
  std::string text = stream.opening();
  text += stream.textDelta("Hel");
  text += stream.textDelta("");
  text += stream.textDelta("lo!");
  text += stream.finish({"completed", "Hello!", {}, {11, 7}, ""});
  const std::vector<SseEvent> list = events(text);
  EXPECT_EQ(types(list), (std::vector<std::string>{
                             "response.created", "response.in_progress",
                             "response.output_item.added", "response.content_part.added",
                             "response.output_text.delta", "response.output_text.delta",
                             "response.output_text.done", "response.content_part.done",
                             "response.output_item.done", "response.completed", "[DONE]"}));
  for (std::size_t i = 0; i + 1 < list.size(); ++i) {
    EXPECT_EQ(list[i].data.at("sequence_number"), i) << list[i].type;
  }
  EXPECT_EQ(list[0].data.at("response").at("status"), "in_progress");
  EXPECT_EQ(list[0].data.at("response").at("output"), json::array());
  EXPECT_EQ(list[2].data.at("item"), json::parse(R"({"type":"message","id":"msg_1",
    "role":"assistant","content":[],"status":"in_progress"})"));
  EXPECT_EQ(list[3].data.at("part"), json::parse(R"({"type":"output_text","text":""})"));
  for (std::size_t i : {3u, 4u, 5u, 6u, 7u}) {
    EXPECT_EQ(list[i].data.at("item_id"), "msg_1");
    EXPECT_EQ(list[i].data.at("output_index"), 0);
    EXPECT_EQ(list[i].data.at("content_index"), 0);
  }
  EXPECT_EQ(list[4].data.at("delta"), "Hel");
  EXPECT_EQ(list[5].data.at("delta"), "lo!");
  EXPECT_EQ(list[6].data.at("text"), "Hello!");
  EXPECT_EQ(list[8].data.at("item").at("phase"), "final_answer");
  const json& final = list[9].data.at("response");
  EXPECT_EQ(final.at("status"), "completed");
  EXPECT_EQ(final.at("output").at(0).at("content").at(0).at("text"), "Hello!");
  EXPECT_EQ(final.at("usage").at("total_tokens"), 18);
  EXPECT_EQ(stream.streamedText(), "Hello!");
}

TEST(HttpResponsesEvents, StreamedTextIsTheAnswerEvenWhenTheRunJoinsTurnsOtherwise) {
  ResponseEventStream stream(identity());
  std::string text = stream.opening();
  text += stream.textDelta("First.");
  text += stream.textDelta("Second.");
  text += stream.finish({"completed", "First.\n\nSecond.", {}, {}, ""});
  const std::vector<SseEvent> list = events(text);
  EXPECT_EQ(list.at(6).data.at("text"), "First.Second.");
}

TEST(HttpResponsesEvents, UnstreamedTextArrivesAsOneDeltaAndSilenceAsTheFallback) {
  ResponseEventStream stream(identity());
  std::string text = stream.opening();
  text += stream.finish({"completed", "All at once.", {}, {}, ""});
  std::vector<SseEvent> list = events(text);
  EXPECT_EQ(list.at(4).type, "response.output_text.delta");
  EXPECT_EQ(list.at(4).data.at("delta"), "All at once.");

  ResponseEventStream silent(identity());
  text = silent.opening();
  text += silent.finish({"completed", "", {}, {}, ""});
  list = events(text);
  EXPECT_EQ(list.at(5).data.at("text"), "No response from OpenClaw.");
}

TEST(HttpResponsesEvents, StreamedToolCallsFollowTheMessageItem) {
  ResponseEventStream stream(identity());
  std::string text = stream.opening();
  text += stream.finish(
      {"completed", "", {{"call_a", "get_weather", "{}"}, {"call_b", "f", "{}"}}, {}, ""});
  const std::vector<SseEvent> list = events(text);
  EXPECT_EQ(types(list), (std::vector<std::string>{
                             "response.created", "response.in_progress",
                             "response.output_item.added", "response.content_part.added",
                             "response.output_text.done", "response.content_part.done",
                             "response.output_item.done", "response.output_item.added",
                             "response.output_item.done", "response.output_item.added",
                             "response.output_item.done", "response.completed", "[DONE]"}));
  EXPECT_EQ(list[6].data.at("item").at("phase"), "commentary");
  EXPECT_EQ(list[7].data.at("output_index"), 1);
  EXPECT_FALSE(list[7].data.at("item").contains("status"));
  EXPECT_EQ(list[8].data.at("item").at("status"), "completed");
  EXPECT_EQ(list[8].data.at("item").at("call_id"), "call_a");
  EXPECT_EQ(list[7].data.at("item").at("id"), list[8].data.at("item").at("id"));
  EXPECT_EQ(list[9].data.at("output_index"), 2);
  const json& output = list[11].data.at("response").at("output");
  ASSERT_EQ(output.size(), 3u);
  EXPECT_EQ(output[2].at("call_id"), "call_b");
}

TEST(HttpResponsesEvents, TruncatedAndFailedStreamsEndWithTheirOwnEvent) {
  ResponseEventStream truncated(identity());
  std::string text = truncated.opening();
  text += truncated.textDelta("Once");
  text += truncated.finish({"incomplete", "Once", {}, {}, ""});
  std::vector<SseEvent> list = events(text);
  EXPECT_EQ(list.at(list.size() - 2).type, "response.incomplete");
  EXPECT_EQ(list.at(list.size() - 2).data.at("response").at("incomplete_details").at("reason"),
            "max_output_tokens");
  EXPECT_EQ(list.at(list.size() - 3).data.at("item").at("status"), "incomplete");

  ResponseEventStream failing(identity());
  text = failing.opening();
  text += failing.textDelta("partial");
  text += failing.fail("api_error", "upstream provider error", {2, 1});
  list = events(text);
  EXPECT_EQ(types(list),
            (std::vector<std::string>{"response.created", "response.in_progress",
                                      "response.output_item.added", "response.content_part.added",
                                      "response.output_text.delta", "response.failed", "[DONE]"}));
  const json& response = list[5].data.at("response");
  EXPECT_EQ(response.at("status"), "failed");
  EXPECT_EQ(response.at("error").at("code"), "api_error");
  EXPECT_EQ(response.at("error").at("message"), "upstream provider error");
  EXPECT_EQ(list[5].data.at("sequence_number"), 5);
}

TEST(HttpResponsesSessions, AResponseLeadsBackToItsSessionWithinItsScope) {
  ResponseSessions sessions;
  const ResponseSessionScope scope{responseAuthSubject("tok", "token"), "main", ""};
  sessions.remember("resp_1", "agent:main:openresponses:x", scope, 1000);
  EXPECT_EQ(sessions.lookup("resp_1", scope, 2000), "agent:main:openresponses:x");
  EXPECT_FALSE(sessions.lookup("resp_unknown", scope, 2000));
  // Another credential, agent or requested session key does not find it.
  EXPECT_FALSE(
      sessions.lookup("resp_1", {responseAuthSubject("other", "token"), "main", ""}, 2000));
  EXPECT_FALSE(sessions.lookup("resp_1", {scope.authSubject, "ops", ""}, 2000));
  EXPECT_FALSE(sessions.lookup("resp_1", {scope.authSubject, "main", "custom"}, 2000));
}

TEST(HttpResponsesSessions, AuthSubjectHashesTheBearer) {
  const std::string subject = responseAuthSubject("secret-token", "token");
  EXPECT_EQ(subject.rfind("bearer:", 0), 0u);
  EXPECT_EQ(subject.find("secret-token"), std::string::npos);
  EXPECT_EQ(subject.size(), 7u + 64u);
  EXPECT_EQ(responseAuthSubject("", "none"), "gateway-auth:none");
}

TEST(HttpResponsesSessions, EntriesExpire) {
  ResponseSessions sessions;
  const ResponseSessionScope scope{"gateway-auth:none", "main", ""};
  sessions.remember("resp_1", "s1", scope, 0);
  EXPECT_EQ(sessions.lookup("resp_1", scope, ResponseSessions::kTtlMs), "s1");
  EXPECT_FALSE(sessions.lookup("resp_1", scope, ResponseSessions::kTtlMs + 1));
  EXPECT_EQ(sessions.size(), 0u);
  // Storing prunes what expired meanwhile.
  sessions.remember("resp_2", "s2", scope, 0);
  sessions.remember("resp_3", "s3", scope, ResponseSessions::kTtlMs + 5);
  EXPECT_EQ(sessions.size(), 1u);
}

TEST(HttpResponsesSessions, TenThousandResponsesKeepOnlyTheNewest) {
  ResponseSessions sessions;
  const ResponseSessionScope scope{"gateway-auth:none", "main", ""};
  for (int i = 0; i < 10'000; ++i) {
    sessions.remember("resp_" + std::to_string(i), "s" + std::to_string(i), scope, i);
  }
  EXPECT_EQ(sessions.size(), ResponseSessions::kMaxEntries);
  EXPECT_FALSE(sessions.lookup("resp_9499", scope, 10'000));
  EXPECT_EQ(sessions.lookup("resp_9500", scope, 10'000), "s9500");
  EXPECT_EQ(sessions.lookup("resp_9999", scope, 10'000), "s9999");
  // Remembering an id again moves it to the newest end.
  sessions.remember("resp_9500", "again", scope, 10'001);
  sessions.remember("resp_new", "n", scope, 10'002);
  EXPECT_EQ(sessions.lookup("resp_9500", scope, 10'003), "again");
  EXPECT_FALSE(sessions.lookup("resp_9501", scope, 10'003));
}

}  // namespace
}  // namespace openclaw::httpapi
