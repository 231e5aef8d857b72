// chat.startup, chat.metadata and chat.message.get, in process, against a scripted model server.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

constexpr const char* kMainKey = "agent:main:main";

class ChatStartup : public ::testing::Test {
 protected:
  void runOnce(const std::shared_ptr<FakeConnection>& client, const std::string& message,
               const std::string& reply) {
    provider_.enqueue(ScriptedReply::text({reply}));
    const std::string id = gateway_.sendRequest(
        client, "agent", {{"message", message}, {"idempotencyKey", "r-" + message}});
    ASSERT_EQ(gateway_.response(client, id, 1).at("payload").at("status"), "ok");
  }

  json startup(const std::shared_ptr<FakeConnection>& client, const json& params) {
    return gateway_.request(client, "chat.startup", params);
  }

  ScriptedProvider provider_;
  InProcessGateway gateway_{provider_.gatewayConfig()};
};

TEST_F(ChatStartup, AnswersTheHistoryWithTheSessionAndItsModels) {
  auto client = gateway_.connectOperator({"operator.read", "operator.write"});
  runOnce(client, "hello", "hi there");
  const json answer = startup(client, {{"sessionKey", "main"}, {"limit", 80}, {"maxBytes", 65536}});
  ASSERT_EQ(answer.value("ok", false), true) << answer.dump();
  const json& payload = answer.at("payload");
  EXPECT_EQ(payload.at("sessionKey"), kMainKey);
  ASSERT_EQ(payload.at("messages").size(), 2u);
  const json& reply = payload.at("messages").at(1);
  EXPECT_EQ(reply.at("content").at(0).at("text"), "hi there");
  EXPECT_EQ(reply.at("__openclaw").at("seq"), 2);
  EXPECT_EQ(payload.at("sessionId"), payload.at("sessionInfo").at("sessionId"));
  EXPECT_EQ(payload.at("sessionInfo").at("hasActiveRun"), false);
  EXPECT_EQ(payload.at("thinkingLevel"), nullptr);
  EXPECT_EQ(payload.at("defaults").at("model"), "test-model");
  EXPECT_EQ(payload.at("metadata").at("models"),
            (json{{{"id", "test-model"}, {"name", "test-model"}, {"provider", "scripted"}}}));

  // The message id in the history fetches that message.
  const json got =
      gateway_.request(client, "chat.message.get",
                       {{"sessionKey", "main"}, {"messageId", reply.at("__openclaw").at("id")}});
  EXPECT_EQ(got.at("payload").at("ok"), true);
  EXPECT_EQ(got.at("payload").at("message").at("content").at(0).at("text"), "hi there");
  // chat.history has the same shape, without the metadata.
  const json history =
      gateway_.request(client, "chat.history", {{"sessionKey", "main"}, {"maxBytes", 65536}});
  EXPECT_EQ(history.at("payload").at("messages"), payload.at("messages"));
  EXPECT_FALSE(history.at("payload").contains("metadata"));
}

TEST_F(ChatStartup, ANewChatHasNoMessagesYet) {
  auto client = gateway_.connectOperator();
  const json payload = startup(client, {{"sessionKey", "fresh"}}).at("payload");
  EXPECT_TRUE(payload.at("messages").empty());
  EXPECT_FALSE(payload.contains("sessionId"));
  EXPECT_EQ(payload.at("sessionInfo").at("key"), "agent:main:fresh");
  EXPECT_EQ(payload.at("sessionInfo").at("isMain"), false);
}

TEST_F(ChatStartup, MaxBytesKeepsTheNewestMessages) {
  auto client = gateway_.connectOperator();
  runOnce(client, "first " + std::string(2000, 'a'), "one");
  runOnce(client, "second", "two");
  const json messages =
      startup(client, {{"sessionKey", "main"}, {"maxBytes", 1500}}).at("payload").at("messages");
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages.at(0).at("content").at(0).at("text"), "one");
}

TEST_F(ChatStartup, BadParamsAreRefused) {
  auto client = gateway_.connectOperator();
  for (const json& params :
       {json::object(), json{{"sessionKey", ""}}, json{{"sessionKey", "main"}, {"limit", 0}},
        json{{"sessionKey", "main"}, {"maxBytes", 10}}, json{{"sessionKey", "agent::x"}},
        json{{"shortId", "abc"}, {"agentId", "main"}}, json{{"sessionKey", "main"}, {"x", 1}}}) {
    EXPECT_TRUE(isError(startup(client, params), "INVALID_REQUEST")) << params.dump();
  }
  EXPECT_TRUE(
      isError(gateway_.request(client, "chat.metadata", {{"unknown", 1}}), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(client, "chat.message.get", {{"sessionKey", "main"}}),
                      "INVALID_REQUEST"));
}

TEST_F(ChatStartup, MetadataListsTheSessionsOwnModelToo) {
  auto client = gateway_.connectOperator();
  const json neutral = gateway_.request(client, "chat.metadata").at("payload");
  EXPECT_EQ(neutral.at("models").size(), 1u);
  gateway_.request(client, "sessions.patch", {{"key", "main"}, {"model", "scripted/other"}});
  const json session =
      gateway_.request(client, "chat.metadata", {{"sessionKey", "main"}}).at("payload");
  ASSERT_EQ(session.at("models").size(), 2u);
  EXPECT_EQ(session.at("models").at(1).at("id"), "other");
  EXPECT_EQ(gateway_.request(client, "chat.metadata", {{"agentId", "main"}}).at("payload"),
            neutral);
}

TEST_F(ChatStartup, MessageGetAnswersNotFoundAndOversized) {
  auto client = gateway_.connectOperator();
  runOnce(client, "a question", "an answer");
  const json history = gateway_.request(client, "chat.history", {{"sessionKey", "main"}});
  const std::string id = history.at("payload").at("messages").at(0).at("__openclaw").at("id");
  const auto get = [&](const json& params) {
    return gateway_.request(client, "chat.message.get", params).at("payload");
  };
  EXPECT_EQ(get({{"sessionKey", "main"}, {"messageId", id}, {"maxChars", 5}}),
            (json{{"ok", false}, {"unavailableReason", "oversized"}}));
  const json notFound = {{"ok", false}, {"unavailableReason", "not_found"}};
  EXPECT_EQ(get({{"sessionKey", "main"}, {"messageId", "nope"}}), notFound);
  EXPECT_EQ(get({{"sessionKey", "main"}, {"messageId", id + "9"}}), notFound);
  EXPECT_EQ(get({{"sessionKey", "other"}, {"messageId", id}}), notFound);
  // A reset session's messages are gone from the key.
  gateway_.request(client, "sessions.reset", {{"key", "main"}});
  EXPECT_EQ(get({{"sessionKey", "main"}, {"messageId", id}}), notFound);
}

}  // namespace
}  // namespace openclaw::testsupport
