// chat.send, chat.history and chat.abort, in process, against a scripted model server.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

constexpr const char* kMainKey = "agent:main:main";

bool isChat(const json& frame, const std::string& runId, const std::string& state) {
  return frame.value("event", "") == "chat" && frame.at("payload").value("runId", "") == runId &&
         frame.at("payload").value("state", "") == state;
}

class ChatMethods : public ::testing::Test {
 protected:
  ScriptedProvider provider_;
  InProcessGateway gateway_{provider_.gatewayConfig()};
};

TEST_F(ChatMethods, SendStartsARunWhoseReplyEveryOperatorSeesAndHistoryKeeps) {
  provider_.enqueue(ScriptedReply::text({"Hel", "lo!"}));
  auto sender = gateway_.connectOperator();
  auto other = gateway_.connectOperator();
  const json ack = gateway_.request(sender, "chat.send",
                                    {{"sessionKey", "main"},
                                     {"message", "hi"},
                                     {"deliver", false},
                                     {"idempotencyKey", "send-1"}});
  EXPECT_EQ(ack.at("payload"), (json{{"runId", "send-1"}, {"status", "started"}}));
  for (const auto& client : {sender, other}) {
    const json final = gateway_.waitFrame(
        client, [](const json& frame) { return isChat(frame, "send-1", "final"); });
    EXPECT_EQ(final.at("payload").at("sessionKey"), kMainKey);
    EXPECT_EQ(final.at("payload").at("message").at("content").at(0).at("text"), "Hello!");
  }
  const json history = gateway_.request(other, "chat.history", {{"sessionKey", kMainKey}});
  const json& messages = history.at("payload").at("messages");
  ASSERT_EQ(messages.size(), 2u) << history.dump();
  EXPECT_EQ(messages[0].at("role"), "user");
  EXPECT_EQ(messages[0].at("content").at(0).at("text"), "hi");
  EXPECT_EQ(messages[1].at("role"), "assistant");
}

TEST_F(ChatMethods, BadParamsAreRejectedWithoutAskingTheModel) {
  auto client = gateway_.connectOperator();
  const auto code = [&](const std::string& method, const json& params) {
    const json response = gateway_.request(client, method, params);
    return response.value("ok", true) ? std::string("ok")
                                      : response.at("error").at("code").get<std::string>();
  };
  EXPECT_EQ(code("chat.send", {{"message", "x"}, {"idempotencyKey", "k"}}), "INVALID_REQUEST");
  EXPECT_EQ(code("chat.send", {{"sessionKey", "main"}, {"message", "  "}, {"idempotencyKey", "k"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(
      code("chat.send", {{"sessionKey", "agent::x"}, {"message", "x"}, {"idempotencyKey", "k1"}}),
      "INVALID_REQUEST");
  EXPECT_EQ(code("chat.history", {{"sessionKey", "main"}, {"limit", 0}}), "INVALID_REQUEST");
  EXPECT_TRUE(provider_.requests().empty());
}

TEST_F(ChatMethods, ReadersSeeHistoryButCannotSend) {
  auto reader = gateway_.connectOperator({protocol::scopes::kRead});
  EXPECT_TRUE(
      isError(gateway_.request(reader, "chat.send",
                               {{"sessionKey", "main"}, {"message", "x"}, {"idempotencyKey", "k"}}),
              "FORBIDDEN"));
  const json history = gateway_.request(reader, "chat.history", {{"sessionKey", "main"}});
  EXPECT_TRUE(history.at("payload").at("messages").empty()) << history.dump();
}

TEST_F(ChatMethods, AbortWithoutARunAbortsNothing) {
  auto client = gateway_.connectOperator();
  const json response = gateway_.request(client, "chat.abort", {{"sessionKey", "main"}});
  EXPECT_EQ(response.at("payload").at("aborted"), false) << response.dump();
}

}  // namespace
}  // namespace openclaw::testsupport
