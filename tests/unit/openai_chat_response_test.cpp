// The chat.completion object and the chat.completion.chunk frames of the OpenAI-compatible API.
#include "httpapi/openai_chat_response.h"

#include <gtest/gtest.h>

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

const CompletionIdentity kIdentity{"chatcmpl_1", 1700000000, "openclaw/default"};

TEST(OpenAiChatResponse, ACompletionHasOneAssistantChoiceAndUsage) {
  const json completion = completionJson(kIdentity, "Hello", {}, "stop", {11, 7});
  EXPECT_EQ(completion, json::parse(R"({
    "id": "chatcmpl_1", "object": "chat.completion", "created": 1700000000,
    "model": "openclaw/default",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello"},
                 "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}})"));
}

TEST(OpenAiChatResponse, ToolCallsCarryTheirArgumentsAsJsonText) {
  const json completion = completionJson(
      kIdentity, "", {{"call_1", "get_weather", {{"city", "Paris"}}}}, "tool_calls", {});
  const json& message = completion.at("choices").at(0).at("message");
  EXPECT_EQ(message.at("content"), "");
  EXPECT_EQ(message.at("tool_calls"), json::parse(R"([{"id": "call_1", "type": "function",
      "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}])"));
  EXPECT_EQ(completion.at("choices").at(0).at("finish_reason"), "tool_calls");
}

TEST(OpenAiChatResponse, FinishReasons) {
  EXPECT_EQ(finishReasonOf("stop", false), "stop");
  EXPECT_EQ(finishReasonOf("length", false), "length");
  EXPECT_EQ(finishReasonOf("stop", true), "tool_calls");
  EXPECT_EQ(finishReasonOf("anything", false), "stop");
}

TEST(OpenAiChatResponse, ChunksAndTheUsageChunk) {
  EXPECT_EQ(chunkJson(kIdentity, {{"role", "assistant"}}), json::parse(R"({
    "id": "chatcmpl_1", "object": "chat.completion.chunk", "created": 1700000000,
    "model": "openclaw/default",
    "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": null}]})"));
  EXPECT_EQ(chunkJson(kIdentity, json::object(), "stop").at("choices").at(0).at("finish_reason"),
            "stop");
  const json usage = usageChunkJson(kIdentity, {2, 3});
  EXPECT_EQ(usage.at("choices"), json::array());
  EXPECT_EQ(usage.at("usage").at("total_tokens"), 5);
  EXPECT_EQ(sseData({{"a", 1}}), "data: {\"a\":1}\n\n");
  EXPECT_EQ(sseData({{"t", std::string("bad \xff byte")}}),
            "data: {\"t\":\"bad \xEF\xBF\xBD byte\"}\n\n");
}

TEST(OpenAiChatResponse, ToolCallChunksAnnounceEachCallThenStreamItsArgumentsInPieces) {
  const std::string longText(600, 'x');
  const std::vector<json> chunks = toolCallChunks(
      kIdentity, {{"c1", "short", {{"a", 1}}}, {"c2", "long", {{"text", longText}}}});
  ASSERT_EQ(chunks.size(), 2u + 1u + 3u);  // c1: head + 1 piece; c2: head + 3 pieces
  const json head = chunks[0].at("choices").at(0).at("delta").at("tool_calls").at(0);
  EXPECT_EQ(head, json::parse(R"({"index": 0, "id": "c1", "type": "function",
                                  "function": {"name": "short", "arguments": ""}})"));
  std::string arguments;
  for (std::size_t i = 3; i < chunks.size(); ++i) {
    const json call = chunks[i].at("choices").at(0).at("delta").at("tool_calls").at(0);
    EXPECT_EQ(call.at("index"), 1);
    EXPECT_FALSE(call.contains("id"));
    arguments += call.at("function").at("arguments").get<std::string>();
  }
  EXPECT_EQ(json::parse(arguments), (json{{"text", longText}}));
}

TEST(OpenAiChatResponse, ArgumentPiecesNeverSplitAUtf8Character) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "\xC3\xA9";  // é, from an odd offset: {"ss":"
  for (const json& chunk : toolCallChunks(kIdentity, {{"c", "t", {{"ss", text}}}})) {
    const json call = chunk.at("choices").at(0).at("delta").at("tool_calls").at(0);
    const std::string piece = call.at("function").at("arguments");
    if (call.contains("id")) continue;  // the announcement, with empty arguments
    ASSERT_FALSE(piece.empty());
    EXPECT_NE(static_cast<unsigned char>(piece[0]) & 0xC0, 0x80) << piece;
  }
}

}  // namespace
}  // namespace openclaw::httpapi
