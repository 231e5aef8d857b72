// The script file form of the scripted model server, used by shell tests.
#include <gtest/gtest.h>

#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

TEST(ProviderScriptedReply, ReadsEveryFieldOfTheScriptForm) {
  const ScriptedReply reply = ScriptedReply::fromJson(
      json::parse(R"({"text": "one", "toolCalls": [{"id": "c1", "name": "read",
                      "arguments": ["{\"a\"", ":1}"]}], "status": 429, "message": "slow",
                      "retryAfter": "2", "location": "/x", "delayMs": 5, "disconnectAfter": 3,
                      "hang": true, "usage": {"input": 1, "output": 2},
                      "contentType": "text/html", "rawFrames": "data: x\n\n"})"));
  EXPECT_EQ(reply.textChunks, std::vector<std::string>{"one"});
  ASSERT_EQ(reply.toolCalls.size(), 1u);
  EXPECT_EQ(reply.toolCalls[0].argumentChunks, (std::vector<std::string>{"{\"a\"", ":1}"}));
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(reply.errorMessage, "slow");
  EXPECT_EQ(reply.retryAfter, "2");
  EXPECT_EQ(reply.location, "/x");
  EXPECT_EQ(reply.chunkDelay.count(), 5);
  EXPECT_EQ(reply.disconnectAfter, 3u);
  EXPECT_TRUE(reply.hang);
  EXPECT_EQ(reply.inputTokens, 1);
  EXPECT_EQ(reply.outputTokens, 2);
  EXPECT_EQ(reply.contentType, "text/html");
  EXPECT_EQ(reply.rawFrames, std::vector<std::string>{"data: x\n\n"});
}

TEST(ProviderScriptedReply, RejectsMalformedScripts) {
  for (const char* bad : {R"([])", R"("text")", R"({"text": 5})", R"({"text": [1]})",
                          R"({"toolCalls": [{"name": "x"}]})", R"({"status": "500"})"}) {
    EXPECT_ANY_THROW(ScriptedReply::fromJson(json::parse(bad))) << bad;
  }
}

}  // namespace
}  // namespace openclaw::testsupport
