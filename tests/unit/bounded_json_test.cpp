#include "core/bounded_json.h"

#include <gtest/gtest.h>

#include <string>

namespace openclaw::core {
namespace {

using nlohmann::json;

std::string nestedArrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(BoundedJson, ParsesLikeNlohmann) {
  const std::string text =
      R"({"a":[1,2.5,"x",null,true,{"b":{}}],"c":-3,"d":18446744073709551615})";
  const BoundedJson parsed = parseBoundedJson(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value, json::parse(text));
  EXPECT_EQ(parseJsonOrDiscarded(text), json::parse(text));
  EXPECT_EQ(parseBoundedJson("  7 ").value, 7);
}

TEST(BoundedJson, AcceptsExactlyTheMaximumDepth) {
  EXPECT_TRUE(parseBoundedJson(nestedArrays(kMaxJsonDepth)).ok());
  const BoundedJson deeper = parseBoundedJson(nestedArrays(kMaxJsonDepth + 1));
  EXPECT_EQ(deeper.status, JsonParseStatus::kTooDeep);
  EXPECT_TRUE(parseJsonOrDiscarded(nestedArrays(kMaxJsonDepth + 1)).is_discarded());

  std::string objects;
  for (std::size_t i = 0; i < kMaxJsonDepth; ++i) objects += R"({"a":)";
  EXPECT_TRUE(parseBoundedJson(objects + "1" + std::string(kMaxJsonDepth, '}')).ok());
  EXPECT_EQ(parseBoundedJson(objects + "{}" + std::string(kMaxJsonDepth, '}')).status,
            JsonParseStatus::kTooDeep);
}

TEST(BoundedJson, DepthIsNestingNotTheNumberOfContainers) {
  std::string siblings = "[";
  for (int i = 0; i < 1000; ++i) siblings += "[[]],";
  siblings += "[]]";
  const BoundedJson parsed = parseBoundedJson(siblings);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value.size(), 1001u);
}

TEST(BoundedJson, BracketsInsideStringsDoNotCount) {
  const std::string text = "[\"" + std::string(1000, '[') + "\"]";
  const BoundedJson parsed = parseBoundedJson(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value.at(0).get<std::string>().size(), 1000u);
}

// The frame from issue 15: 200,000 nested arrays as params, which overflowed the stack once
// something copied them. Refused, and what came before the limit is still readable.
TEST(BoundedJson, RefusesTheIssueFrameAndKeepsWhatCameFirst) {
  const std::string frame =
      R"({"type":"req","id":"1","method":"health","params":)" + nestedArrays(200'000) + "}";
  const BoundedJson parsed = parseBoundedJson(frame);
  EXPECT_EQ(parsed.status, JsonParseStatus::kTooDeep);
  ASSERT_TRUE(parsed.value.is_object());
  EXPECT_EQ(parsed.value.at("id"), "1");
  EXPECT_EQ(parsed.value.at("method"), "health");
  // Unbalanced and never closed: still refused for depth, not read to the end.
  EXPECT_EQ(parseBoundedJson(std::string(1'000'000, '[')).status, JsonParseStatus::kTooDeep);
}

TEST(BoundedJson, MalformedTextIsDiscarded) {
  for (const char* text : {"", "{not json", "[1, 2", "{} {}", "[1]x", "\"\\q\""}) {
    const BoundedJson parsed = parseBoundedJson(text);
    EXPECT_EQ(parsed.status, JsonParseStatus::kMalformed) << text;
    EXPECT_TRUE(parsed.value.is_discarded()) << text;
    EXPECT_TRUE(parseJsonOrDiscarded(text).is_discarded()) << text;
  }
}

TEST(BoundedJson, TooDeepReasonNamesTheLimit) {
  EXPECT_EQ(tooDeepReason(), "nested deeper than 128 levels");
}

}  // namespace
}  // namespace openclaw::core
