// POST /v1/chat/completions bodies: upstream's validation messages and how `messages`, `tools`
// and `tool_choice` become the agent run's input.
#include "httpapi/openai_chat_request.h"

#include <gtest/gtest.h>

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

json userMessage(const std::string& text) { return {{"role", "user"}, {"content", text}}; }

json withMessage(json body) {
  body["messages"] = json::array({userMessage("hi")});
  return body;
}

std::string errorOf(const json& body) {
  auto parsed = parseChatCompletionRequest(body);
  return parsed ? "<accepted>" : parsed.error().message;
}

TEST(OpenAiChatRequest, AMinimalBodyTargetsTheDefaultAgentWithoutStreaming) {
  auto parsed = parseChatCompletionRequest(withMessage(json::object()));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->model, "openclaw");
  EXPECT_FALSE(parsed->stream);
  EXPECT_FALSE(parsed->includeUsage);
  EXPECT_FALSE(parsed->maxTokens);
  EXPECT_EQ(parsed->prompt.message, "hi");
  EXPECT_TRUE(parsed->tools.tools.empty());
}

TEST(OpenAiChatRequest, WrongFieldTypesAreNamedWithWhatWasReceived) {
  EXPECT_EQ(errorOf({{"model", 5}}), "model: Expected string, received number");
  EXPECT_EQ(errorOf({{"messages", "hi"}}), "messages: Expected array, received string");
  EXPECT_EQ(errorOf({{"stream", "yes"}}), "stream: Expected boolean, received string");
  EXPECT_EQ(errorOf({{"user", nullptr}}), "user: Expected string, received null");
  EXPECT_EQ(errorOf({{"temperature", "hot"}}), "temperature: Expected number, received string");
  EXPECT_EQ(errorOf({{"stream_options", {{"include_usage", 1}}}}),
            "stream_options.include_usage: Expected boolean, received number");
  EXPECT_EQ(errorOf(withMessage({{"stream", nullptr}, {"seed", nullptr}})), "<accepted>");
}

TEST(OpenAiChatRequest, TokenCapsArePositiveSafeIntegersAndTheCurrentFieldWins) {
  EXPECT_EQ(errorOf({{"max_tokens", 0}}), "max_tokens must be a positive safe integer");
  EXPECT_EQ(errorOf({{"max_tokens", 1.5}}), "max_tokens must be a positive safe integer");
  EXPECT_EQ(errorOf({{"max_completion_tokens", 1e300}}),
            "max_completion_tokens must be a positive safe integer");
  // The legacy field is still validated when both are sent.
  EXPECT_EQ(errorOf({{"max_completion_tokens", 10}, {"max_tokens", -1}}),
            "max_tokens must be a positive safe integer");
  auto parsed =
      parseChatCompletionRequest(withMessage({{"max_completion_tokens", 10}, {"max_tokens", 20}}));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->maxTokens, 10);
  parsed = parseChatCompletionRequest(withMessage({{"max_tokens", 20}}));
  EXPECT_EQ(parsed->maxTokens, 20);
}

TEST(OpenAiChatRequest, SamplingStopAndResponseFormatFollowUpstreamsRanges) {
  EXPECT_EQ(errorOf({{"temperature", 2.5}}), "`temperature` must be between 0 and 2.");
  EXPECT_EQ(errorOf({{"top_p", -0.1}}), "`top_p` must be between 0 and 1.");
  EXPECT_EQ(errorOf({{"frequency_penalty", 3}}),
            "`frequency_penalty` must be between -2.0 and 2.0.");
  EXPECT_EQ(errorOf({{"presence_penalty", -2.01}}),
            "`presence_penalty` must be between -2.0 and 2.0.");
  EXPECT_EQ(errorOf({{"seed", 1.5}}), "`seed` must be an integer.");
  EXPECT_EQ(errorOf({{"stop", json::array({"a", "b", "c", "d", "e"})}}),
            "Invalid stop: stop supports at most 4 sequences");
  EXPECT_EQ(errorOf({{"stop", json::array({""})}}),
            "Invalid stop: stop entries must be non-empty strings");
  EXPECT_EQ(errorOf({{"stop", 7}}), "stop: Invalid input");
  EXPECT_EQ(errorOf({{"response_format", "json"}}),
            "Invalid response_format: response_format must be an object");
  EXPECT_EQ(errorOf({{"response_format", {{"type", "xml"}}}}),
            "Invalid response_format: response_format.type must be text, json_object, or "
            "json_schema");
  EXPECT_EQ(errorOf(withMessage({{"temperature", 0},
                                 {"top_p", 1},
                                 {"seed", 42},
                                 {"stop", "END"},
                                 {"response_format", {{"type", "json_object"}}}})),
            "<accepted>");
}

TEST(OpenAiChatRequest, UsageIsIncludedOnlyWhenStreamingAsksForIt) {
  auto parsed = parseChatCompletionRequest(
      withMessage({{"stream", true}, {"stream_options", {{"include_usage", true}}}}));
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->stream);
  EXPECT_TRUE(parsed->includeUsage);
  parsed = parseChatCompletionRequest(withMessage({{"stream_options", {{"include_usage", true}}}}));
  EXPECT_FALSE(parsed->includeUsage);
}

TEST(OpenAiChatPrompt, ASingleUserMessageIsTheMessageAndSystemTextsTheExtraPrompt) {
  const AgentPrompt prompt = agentPromptFromMessages(json::array(
      {{{"role", "system"}, {"content", "Be brief."}},
       {{"role", "developer"},
        {"content", json::array({{{"type", "text"}, {"text", "No emoji."}}})}},
       {{"role", "user"},
        {"content", json::array({{{"type", "text"}, {"text", "  part one"}},
                                 {{"type", "input_text"}, {"text", "part two  "}}})}}}));
  EXPECT_EQ(prompt.message, "part one\npart two");
  EXPECT_EQ(prompt.extraSystemPrompt, "Be brief.\n\nNo emoji.");
}

TEST(OpenAiChatPrompt, HistoryLinesPrecedeTheCurrentMessage) {
  const AgentPrompt prompt = agentPromptFromMessages(
      json::array({userMessage("What is 2+2?"),
                   {{"role", "assistant"}, {"content", "4"}},
                   userMessage("And 3+3?"),
                   {{"role", "assistant"}, {"content", "trailing, dropped"}}}));
  EXPECT_EQ(prompt.message,
            "[Chat messages since your last reply - for context]\n"
            "User: What is 2+2?\n"
            "Assistant: 4\n"
            "\n"
            "[Current message - respond to this]\n"
            "User: And 3+3?");
}

TEST(OpenAiChatPrompt, AToolFollowUpRendersTheCallAndAnswersWithTheResult) {
  const AgentPrompt prompt = agentPromptFromMessages(json::array(
      {userMessage("Weather in Paris?"),
       {{"role", "assistant"},
        {"content", nullptr},
        {"tool_calls",
         json::array(
             {{{"id", "call_1"},
               {"type", "function"},
               {"function", {{"name", "get_weather"}, {"arguments", "{\"city\":\"Paris\"}"}}}}})}},
       {{"role", "tool"}, {"tool_call_id", "call_1"}, {"content", "sunny"}}}));
  EXPECT_EQ(prompt.message,
            "[Chat messages since your last reply - for context]\n"
            "User: Weather in Paris?\n"
            "Assistant: tool_call id=call_1 name=get_weather arguments={\"city\":\"Paris\"}\n"
            "\n"
            "[Current message - respond to this]\n"
            "Tool:call_1: sunny");
}

TEST(OpenAiChatPrompt, ToolResultsCountEvenWhenEmptyAndLegacyFunctionResultsByName) {
  EXPECT_EQ(agentPromptFromMessages(
                json::array({{{"role", "tool"}, {"tool_call_id", "c1"}, {"content", ""}}}))
                .message,
            "Tool:c1: ");
  EXPECT_EQ(agentPromptFromMessages(
                json::array({{{"role", "function"}, {"name", "lookup"}, {"content", nullptr}}}))
                .message,
            "Tool:lookup: ");
  // A tool message without its call id is no result and has no text: nothing to answer.
  EXPECT_EQ(agentPromptFromMessages(json::array({{{"role", "tool"}, {"content", ""}}})).message,
            "");
}

TEST(OpenAiChatPrompt, MalformedMessagesAreSkipped) {
  const AgentPrompt prompt = agentPromptFromMessages(
      json::array({7,
                   "text",
                   json::object(),
                   {{"role", "narrator"}, {"content", "x"}},
                   {{"role", "user"}, {"content", 5}},
                   {{"role", "user"}, {"content", json::array({{{"type", "image_url"}}})}},
                   userMessage("real question")}));
  EXPECT_EQ(prompt.message, "real question");
  EXPECT_EQ(agentPromptFromMessages(json::object()).message, "");
}

TEST(OpenAiChatTools, FunctionToolsBecomeClientToolsWithAnObjectSchema) {
  const ClientTools tools =
      clientToolsOf(json::array({{{"type", "function"},
                                  {"function",
                                   {{"name", " get_weather "},
                                    {"description", "Weather by city"},
                                    {"parameters", {{"type", "object"}, {"required", {"city"}}}}}}},
                                 {{"type", "function"}, {"function", {{"name", "ping"}}}}}),
                    nullptr);
  ASSERT_EQ(tools.tools.size(), 2u);
  EXPECT_EQ(tools.tools[0].name, "get_weather");
  EXPECT_EQ(tools.tools[0].description, "Weather by city");
  EXPECT_EQ(tools.tools[0].parameters.at("required"), json::array({"city"}));
  EXPECT_EQ(tools.tools[1].parameters.at("type"), "object");
  EXPECT_FALSE(tools.constraint);
  EXPECT_TRUE(tools.instruction.empty());
}

TEST(OpenAiChatTools, UnsupportedToolsAndChoicesAreRefusedWithUpstreamsMessages) {
  const json weather = json::array({{{"type", "function"}, {"function", {{"name", "w"}}}}});
  auto refusal = [&](const json& tools, const json& choice) {
    try {
      clientToolsOf(tools, choice);
    } catch (const std::invalid_argument& bad) {
      return std::string(bad.what());
    }
    return std::string("<accepted>");
  };
  EXPECT_EQ(refusal("x", nullptr), "tools must be an array");
  EXPECT_EQ(refusal(json::array({1}), nullptr), "each tool must be an object");
  EXPECT_EQ(refusal(json::array({{{"type", "custom"}}}), nullptr),
            "only function tools are supported");
  EXPECT_EQ(refusal(json::array({{{"type", "function"}}}), nullptr), "tool.function is required");
  EXPECT_EQ(refusal(json::array({{{"type", "function"}, {"function", {{"name", " "}}}}}), nullptr),
            "tool.function.name is required");
  EXPECT_EQ(refusal(weather, {{"type", "allowed_tools"}}),
            "tool_choice allowed_tools is not supported");
  EXPECT_EQ(refusal(weather, {{"type", 3}}), "unsupported tool_choice type");
  EXPECT_EQ(refusal(weather, "sometimes"), "tool_choice must be a string or object");
  EXPECT_EQ(refusal(weather, {{"type", "function"}, {"function", {{"name", "other"}}}}),
            "tool_choice requested unknown tool: other");
  EXPECT_EQ(refusal(weather, {{"type", "function"}}), "tool_choice.function.name is required");
  EXPECT_EQ(refusal(json(), "required"), "tool_choice=required but no tools were provided");
  EXPECT_EQ(errorOf({{"tools", weather}, {"tool_choice", "sometimes"}}),
            "Invalid tools/tool_choice: tool_choice must be a string or object");
}

TEST(OpenAiChatTools, ChoicesNarrowTheToolsAndConstrainTheAnswer) {
  const json tools = json::array({{{"type", "function"}, {"function", {{"name", "a"}}}},
                                  {{"type", "function"}, {"function", {{"name", "b"}}}}});
  EXPECT_EQ(clientToolsOf(tools, "auto").tools.size(), 2u);
  EXPECT_TRUE(clientToolsOf(tools, "none").tools.empty());

  const ClientTools required = clientToolsOf(tools, "required");
  EXPECT_EQ(required.tools.size(), 2u);
  EXPECT_EQ(required.instruction, "You must call one of the available tools before responding.");
  ASSERT_TRUE(required.constraint);
  EXPECT_FALSE(constraintMet(*required.constraint, {}));
  EXPECT_TRUE(constraintMet(*required.constraint, {{"c", "b", json::object()}}));
  EXPECT_EQ(unmetConstraintMessage(*required.constraint),
            "tool_choice=required was not satisfied by the agent response");

  const ClientTools pinned =
      clientToolsOf(tools, {{"type", "function"}, {"function", {{"name", "b"}}}});
  ASSERT_EQ(pinned.tools.size(), 1u);
  EXPECT_EQ(pinned.tools[0].name, "b");
  EXPECT_EQ(pinned.instruction, "You must call the b tool before responding.");
  EXPECT_FALSE(constraintMet(*pinned.constraint, {{"c", "a", json::object()}}));
  EXPECT_EQ(unmetConstraintMessage(*pinned.constraint),
            "tool_choice required a b tool call, but the agent did not produce one");
}

TEST(OpenAiChatRequest, ImagesInTheCurrentUserMessageAreFlagged) {
  json body = {{"messages",
                json::array({{{"role", "user"},
                              {"content", json::array({{{"type", "text"}, {"text", "what is it?"}},
                                                       {{"type", "image_url"},
                                                        {"image_url", {{"url", "data:x"}}}}})}}})}};
  EXPECT_TRUE(parseChatCompletionRequest(body)->hasImages);
  body["messages"].push_back({{"role", "assistant"}, {"content", "a cat"}});
  body["messages"].push_back(userMessage("thanks"));
  EXPECT_FALSE(parseChatCompletionRequest(body)->hasImages) << "only the current message counts";
}

}  // namespace
}  // namespace openclaw::httpapi
