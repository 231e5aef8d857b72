// sessions.list, sessions.reset and sessions.delete, in process.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

constexpr const char* kMainKey = "agent:main:main";

class SessionsMethods : public ::testing::Test {
 protected:
  // One finished run in the main session.
  void runOnce(const std::shared_ptr<FakeConnection>& client) {
    provider_.enqueue(ScriptedReply::text({"ok"}));
    const std::string id =
        gateway_.sendRequest(client, "agent", {{"message", "hi"}, {"idempotencyKey", "s-1"}});
    ASSERT_EQ(gateway_.response(client, id, 1).at("payload").at("status"), "ok");
  }

  ScriptedProvider provider_;
  InProcessGateway gateway_{provider_.gatewayConfig()};
};

TEST_F(SessionsMethods, ListStartsEmpty) {
  auto client = gateway_.connectOperator();
  const json list = gateway_.request(client, "sessions.list").at("payload");
  EXPECT_EQ(list.at("count"), 0);
  EXPECT_TRUE(list.at("sessions").empty());
}

TEST_F(SessionsMethods, ListResetAndDeleteTheMainSession) {
  auto client = gateway_.connectOperator();
  runOnce(client);
  const json list = gateway_.request(client, "sessions.list").at("payload");
  ASSERT_EQ(list.at("count"), 1) << list.dump();
  const json row = list.at("sessions").at(0);
  EXPECT_EQ(row.at("key"), kMainKey);
  EXPECT_EQ(row.at("isMain"), true);
  EXPECT_EQ(row.at("lastRunId"), "s-1");

  const json reset = gateway_.request(client, "sessions.reset", {{"key", "main"}}).at("payload");
  EXPECT_EQ(reset.at("key"), kMainKey);
  EXPECT_NE(reset.at("entry").at("sessionId"), row.at("sessionId"));
  EXPECT_TRUE(gateway_.request(client, "chat.history", {{"sessionKey", kMainKey}})
                  .at("payload")
                  .at("messages")
                  .empty());

  EXPECT_EQ(
      gateway_.request(client, "sessions.delete", {{"key", kMainKey}}).at("payload").at("deleted"),
      true);
  EXPECT_EQ(gateway_.request(client, "sessions.list").at("payload").at("count"), 0);
  EXPECT_EQ(
      gateway_.request(client, "sessions.delete", {{"key", kMainKey}}).at("payload").at("deleted"),
      false);
}

TEST_F(SessionsMethods, MalformedKeysAreRejected) {
  auto client = gateway_.connectOperator();
  EXPECT_TRUE(
      isError(gateway_.request(client, "sessions.reset", json::object()), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(client, "sessions.delete", {{"key", "agent::x"}}),
                      "INVALID_REQUEST"));
}

}  // namespace
}  // namespace openclaw::testsupport
