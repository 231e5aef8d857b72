// POST /v1/responses bodies: upstream's strict schema with its zod wording, and the
// conversion of `input` items and function tools into the chat terms the agent turn takes.
#include "httpapi/responses_request.h"

#include <gtest/gtest.h>

#include "httpapi/openai_chat_request.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

ResponsesRequest parsed(const json& body) {
  auto result = parseResponsesRequest(body);
  if (!result) ADD_FAILURE() << result.error().message;
  return result ? *result : ResponsesRequest{};
}

std::string refusal(const json& body) {
  auto result = parseResponsesRequest(body);
  if (result) return "(accepted)";
  EXPECT_EQ(result.error().code, "INVALID_REQUEST");
  return result.error().message;
}

TEST(HttpResponsesRequest, StringInputIsTheUserMessage) {
  const ResponsesRequest request = parsed({{"model", "openclaw"}, {"input", "hi there"}});
  EXPECT_EQ(request.model, "openclaw");
  EXPECT_FALSE(request.stream);
  EXPECT_EQ(request.messages, json::parse(R"([{"role":"user","content":"hi there"}])"));
  EXPECT_TRUE(request.tools.is_null());
  EXPECT_TRUE(request.toolChoice.is_null());
  EXPECT_FALSE(request.previousResponseId);
  EXPECT_FALSE(request.user);
  EXPECT_FALSE(request.maxOutputTokens);
}

TEST(HttpResponsesRequest, EveryDocumentedFieldIsAccepted) {
  const ResponsesRequest request = parsed(json::parse(R"({
    "model": "openclaw/main", "input": "hi", "instructions": "Be brief.", "stream": true,
    "max_output_tokens": 256, "max_tool_calls": 3, "user": "alice", "temperature": 0.5,
    "top_p": 1, "metadata": {"k": "v"}, "store": false, "previous_response_id": "resp_1",
    "reasoning": {"effort": "low", "summary": "auto"}, "truncation": "auto",
    "text": {"format": {"type": "text"}}, "tool_choice": "auto", "tools": []})"));
  EXPECT_TRUE(request.stream);
  EXPECT_EQ(request.instructions, "Be brief.");
  EXPECT_EQ(request.maxOutputTokens, 256);
  EXPECT_EQ(request.user, "alice");
  EXPECT_EQ(request.previousResponseId, "resp_1");
  EXPECT_EQ(request.toolChoice, "auto");
  EXPECT_EQ(request.tools, json::array());
}

TEST(HttpResponsesRequest, HugeOutputCapsStayFinite) {
  const ResponsesRequest request =
      parsed({{"model", "openclaw"}, {"input", "hi"}, {"max_output_tokens", 9007199254740991.0}});
  EXPECT_EQ(request.maxOutputTokens, 1'000'000'000);
}

// Each refusal with the message upstream's zod schema gives (checked against upstream).
TEST(HttpResponsesRequest, RefusesWhatUpstreamRefusesInItsWords) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({})", "model: Invalid input: expected string, received undefined"},
      {R"({"model":1,"input":"x"})", "model: Invalid input: expected string, received number"},
      {R"({"model":"m"})", "input: Invalid input"},
      {R"({"model":"m","input":3})", "input: Invalid input"},
      {R"({"model":"m","input":[{"type":"bogus"}]})", "input: Invalid input"},
      {R"({"model":"m","input":[{"type":"message","role":"user"}]})", "input: Invalid input"},
      {R"({"model":"m","input":[{"type":"message","role":"robot","content":"x"}]})",
       "input: Invalid input"},
      {R"({"model":"m","input":[{"type":"message","role":"user","content":[{"type":"input_text"}]}]})",
       "input: Invalid input"},
      {R"({"model":"m","input":[{"type":"message","role":"user","phase":"commentary","content":"x"}]})",
       "input.0.phase: `phase` is only valid on assistant messages."},
      {R"({"model":"m","input":[{"type":"message","role":"user","phase":"later","content":"x"}]})",
       "input: Invalid input"},
      {R"({"model":"m","input":[{"type":"function_call_output","call_id":"c"}]})",
       "input: Invalid input"},
      {R"({"model":"m","input":[{"type":"message","role":"user","content":[{"type":"input_image","source":{"type":"url","url":"nope"}}]}]})",
       "input.0.content.0.source.url: Invalid URL"},
      {R"({"model":"m","input":[{"type":"message","role":"user","content":[{"type":"input_file","source":{"type":"base64","media_type":"text/plain","data":""}}]}]})",
       "input.0.content.0.source.data: Too small: expected string to have >=1 characters"},
      {R"({"model":"m","input":[{"type":"message","role":"user","content":"x","extra":1,"more":2}],"zzz":1})",
       R"(input.0: Unrecognized keys: "extra", "more")"},
      {R"({"model":"m","input":[{"type":"message","role":"user","content":"x","extra":1}]})",
       R"(input.0: Unrecognized key: "extra")"},
      {R"({"model":"m","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"x","y":1}]}]})",
       R"(input.0.content.0: Unrecognized key: "y")"},
      {R"({"model":"m","input":"x","foo":1})", R"(: Unrecognized key: "foo")"},
      {R"({"model":"m","input":"x","bar":2,"foo":1})", R"(: Unrecognized keys: "bar", "foo")"},
      {R"({"model":"m","input":"x","stream":"yes"})",
       "stream: Invalid input: expected boolean, received string"},
      {R"({"model":"m","input":"x","stream":null})",
       "stream: Invalid input: expected boolean, received null"},
      {R"({"model":"m","input":"x","max_output_tokens":0})",
       "max_output_tokens: Too small: expected number to be >0"},
      {R"({"model":"m","input":"x","max_output_tokens":1.5})",
       "max_output_tokens: Invalid input: expected int, received number"},
      {R"({"model":"m","input":"x","temperature":3})",
       "temperature: Too big: expected number to be <=2"},
      {R"({"model":"m","input":"x","top_p":-1})", "top_p: Too small: expected number to be >=0"},
      {R"({"model":"m","input":"x","tools":{}})",
       "tools: Invalid input: expected array, received object"},
      {R"({"model":"m","input":"x","tools":[{"type":"function","name":""}]})",
       "tools.0.name: Tool name cannot be empty"},
      {R"({"model":"m","input":"x","tools":[{"type":"web_search"}]})",
       R"(tools.0.type: Invalid input: expected "function")"},
      {R"({"model":"m","input":"x","tools":[{"type":"function","name":"f","parameters":[]}]})",
       "tools.0.parameters: Invalid input: expected record, received array"},
      {R"({"model":"m","input":"x","tools":[{"type":"function","name":"f","x":1}]})",
       R"(tools.0: Unrecognized key: "x")"},
      {R"({"model":"m","input":"x","tool_choice":"sometimes"})", "tool_choice: Invalid input"},
      {R"({"model":"m","input":"x","tool_choice":{"type":"function","name":""}})",
       "tool_choice.name: Too small: expected string to have >=1 characters"},
      {R"({"model":"m","input":"x","tool_choice":{"type":"function","function":{"name":""}}})",
       "tool_choice.function.name: Too small: expected string to have >=1 characters"},
      {R"({"model":"m","input":"x","tool_choice":{"type":"allowed_tools"}})",
       "tool_choice: Invalid input"},
      {R"({"model":"m","input":"x","text":{"format":{"type":"json_object"}}})",
       R"(text.format.type: Invalid input: expected "text")"},
      {R"({"model":"m","input":"x","metadata":{"a":1}})",
       "metadata.a: Invalid input: expected string, received number"},
      {R"({"model":"m","input":"x","reasoning":{"effort":"max"}})",
       R"(reasoning.effort: Invalid option: expected one of "low"|"medium"|"high")"},
      {R"({"model":"m","input":"x","truncation":"x"})",
       R"(truncation: Invalid option: expected one of "auto"|"disabled")"},
      {R"({"model":"m","input":"x","previous_response_id":7})",
       "previous_response_id: Invalid input: expected string, received number"},
  };
  for (const auto& [body, message] : cases) {
    EXPECT_EQ(refusal(json::parse(body)), message) << body;
  }
}

TEST(HttpResponsesRequest, ItemsBecomeTheChatConversation) {
  const ResponsesRequest request = parsed(json::parse(R"({"model":"openclaw","input":[
    {"type":"message","role":"system","content":"Be terse."},
    {"type":"message","role":"developer","content":[{"type":"input_text","text":"No emoji."}]},
    {"type":"message","role":"user","content":[{"type":"input_text","text":"What is"},
                                               {"type":"input_text","text":""},
                                               {"type":"input_text","text":"the weather?"}]},
    {"type":"message","role":"assistant","phase":"commentary","status":"completed",
     "content":[{"type":"output_text","text":"Checking."}]},
    {"type":"message","role":"user","content":"   "},
    {"type":"reasoning","summary":"thinking"},
    {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather",
     "arguments":"{\"city\":\"Paris\"}"},
    {"type":"function_call","id":"fc_2","name":"get_time","arguments":"{}"},
    {"type":"item_reference","id":"msg_0"},
    {"type":"function_call_output","call_id":"call_1","output":"{\"temperature\":\"72F\"}"},
    {"type":"function_call_output","call_id":"fc_2","output":""}]})"));
  EXPECT_EQ(request.messages, json::parse(R"([
    {"role":"system","content":"Be terse."},
    {"role":"developer","content":"No emoji."},
    {"role":"user","content":"What is\nthe weather?"},
    {"role":"assistant","content":"Checking."},
    {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
      "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
    {"role":"assistant","content":null,"tool_calls":[{"id":"fc_2","type":"function",
      "function":{"name":"get_time","arguments":"{}"}}]},
    {"role":"tool","tool_call_id":"call_1","content":"{\"temperature\":\"72F\"}"},
    {"role":"tool","tool_call_id":"fc_2","content":""}])"));
  EXPECT_FALSE(request.currentTurnHasMedia);
}

TEST(HttpResponsesRequest, FunctionToolsAndChoicesTakeTheChatForm) {
  const ResponsesRequest request = parsed(json::parse(R"({"model":"openclaw","input":"hi",
    "tools":[{"type":"function","name":"get_weather","description":"Weather by city",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}}},
              "strict":true},
             {"type":"function","name":"noop"}],
    "tool_choice":{"type":"function","name":"get_weather"}})"));
  EXPECT_EQ(request.tools, json::parse(R"([
    {"type":"function","function":{"name":"get_weather","description":"Weather by city",
      "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}},
    {"type":"function","function":{"name":"noop"}}])"));
  EXPECT_EQ(request.toolChoice,
            json::parse(R"({"type":"function","function":{"name":"get_weather"}})"));

  const json chatForm = json::parse(R"({"type":"function","function":{"name":"noop"}})");
  EXPECT_EQ(parsed({{"model", "m"}, {"input", "x"}, {"tool_choice", chatForm}}).toolChoice,
            chatForm);
  EXPECT_EQ(parsed({{"model", "m"}, {"input", "x"}, {"tool_choice", "required"}}).toolChoice,
            "required");
}

TEST(HttpResponsesRequest, MediaOnTheCurrentTurnIsFlagged) {
  const json image = json::parse(
      R"({"type":"input_image","source":{"type":"url","url":"https://example.com/a.png"}})");
  const json file = json::parse(
      R"({"type":"input_file","source":{"type":"base64","media_type":"text/plain","data":"aGk=","filename":"a.txt"}})");
  auto user = [](json content) {
    return json{{"type", "message"}, {"role", "user"}, {"content", std::move(content)}};
  };
  const json text = {{"type", "input_text"}, {"text", "look"}};

  EXPECT_TRUE(parsed({{"model", "m"}, {"input", {user({text, image})}}}).currentTurnHasMedia);
  EXPECT_TRUE(parsed({{"model", "m"}, {"input", {user({file})}}}).currentTurnHasMedia);
  // Media earlier in the history is not the current turn's.
  EXPECT_FALSE(
      parsed({{"model", "m"}, {"input", {user({image}), user("and now?")}}}).currentTurnHasMedia);
  // A tool result starts its own turn.
  const json result = {{"type", "function_call_output"}, {"call_id", "c"}, {"output", "ok"}};
  EXPECT_FALSE(parsed({{"model", "m"}, {"input", {user({image}), result}}}).currentTurnHasMedia);
}

// The run's prompt is upstream's buildAgentPrompt() output for the same input (strings taken
// from upstream's build).
TEST(HttpResponsesRequest, ThePromptIsUpstreams) {
  auto prompt = [](const char* input) {
    return agentPromptFromMessages(
        parsed({{"model", "openclaw"}, {"input", json::parse(input)}}).messages);
  };
  AgentPrompt turn = prompt(R"([
    {"type":"message","role":"system","content":"Be terse."},
    {"type":"message","role":"developer","content":[{"type":"input_text","text":"No emoji."}]},
    {"type":"message","role":"user","content":[{"type":"input_text","text":"What is"},
                                               {"type":"input_text","text":"the weather?"}]},
    {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking."}]},
    {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather",
     "arguments":"{\"city\":\"Paris\"}"},
    {"type":"function_call_output","call_id":"call_1","output":"{\"temperature\":\"72F\"}"}])");
  EXPECT_EQ(turn.message,
            "[Chat messages since your last reply - for context]\nUser: What is\nthe weather?\n"
            "Assistant: Checking.\nAssistant: tool_call id=call_1 name=get_weather "
            "arguments={\"city\":\"Paris\"}\n\n[Current message - respond to this]\n"
            "Tool:call_1: {\"temperature\":\"72F\"}");
  EXPECT_EQ(turn.extraSystemPrompt, "Be terse.\n\nNo emoji.");
  EXPECT_EQ(prompt(R"([{"type":"function_call_output","call_id":"call_1","output":""}])").message,
            "Tool:call_1: ");
  EXPECT_EQ(prompt(R"([{"type":"message","role":"user","content":"first"},
                       {"type":"message","role":"assistant","content":"reply"},
                       {"type":"message","role":"user","content":"second"}])")
                .message,
            "[Chat messages since your last reply - for context]\nUser: first\nAssistant: reply"
            "\n\n[Current message - respond to this]\nUser: second");
  EXPECT_EQ(prompt(R"("hi there")").message, "hi there");
}

TEST(HttpResponsesRequest, TenThousandItemsParse) {
  json items = json::array();
  for (int i = 0; i < 10'000; ++i) {
    items.push_back(
        {{"type", "message"}, {"role", i % 2 ? "assistant" : "user"}, {"content", "m"}});
  }
  EXPECT_EQ(parsed({{"model", "m"}, {"input", items}}).messages.size(), 10'000u);
}

}  // namespace
}  // namespace openclaw::httpapi
