// agent (two-phase) and agent.wait, in process, against a scripted model server.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

class AgentMethods : public ::testing::Test {
 protected:
  ScriptedProvider provider_;
  InProcessGateway gateway_{provider_.gatewayConfig()};
};

TEST_F(AgentMethods, AgentIsAcceptedThenAnsweredWithTheRunsResult) {
  provider_.enqueue(ScriptedReply::text({"All ", "done."}));
  auto client = gateway_.connectOperator();
  const std::string id =
      gateway_.sendRequest(client, "agent", {{"message", "do it"}, {"idempotencyKey", "turn-1"}});
  const json accepted = gateway_.response(client, id, 0);
  EXPECT_EQ(accepted.at("payload").at("status"), "accepted") << accepted.dump();
  EXPECT_EQ(accepted.at("payload").at("runId"), "turn-1");
  const json final = gateway_.response(client, id, 1);
  ASSERT_EQ(final.at("ok"), true) << final.dump();
  EXPECT_EQ(final.at("payload").at("status"), "ok");
  EXPECT_EQ(final.at("payload").at("result").at("payloads").back().at("text"), "All done.");

  const json waited = gateway_.request(client, "agent.wait", {{"runId", "turn-1"}});
  EXPECT_EQ(waited.at("payload").at("status"), "ok") << waited.dump();
  EXPECT_EQ(provider_.requests().size(), 1u);
}

TEST_F(AgentMethods, ARetryAfterTheRunIsAnsweredWithItsResultWithoutRunningTheModel) {
  provider_.enqueue(ScriptedReply::text({"once"}));
  auto client = gateway_.connectOperator();
  const json params = {{"message", "do it"}, {"idempotencyKey", "turn-2"}};
  const std::string first = gateway_.sendRequest(client, "agent", params);
  EXPECT_EQ(gateway_.response(client, first, 1).at("payload").at("status"), "ok");
  const json retry = gateway_.request(client, "agent", params);
  EXPECT_EQ(retry.at("payload").at("status"), "ok") << retry.dump();
  EXPECT_EQ(retry.at("payload").at("result").at("payloads").back().at("text"), "once");
  EXPECT_EQ(provider_.requests().size(), 1u);
}

TEST_F(AgentMethods, AgentWaitForAnUnknownRunTimesOut) {
  auto client = gateway_.connectOperator();
  const json waited =
      gateway_.request(client, "agent.wait", {{"runId", "nope"}, {"timeoutMs", 20}});
  EXPECT_EQ(waited.at("payload").at("status"), "timeout") << waited.dump();
}

TEST_F(AgentMethods, BadParamsAreRejected) {
  auto client = gateway_.connectOperator();
  for (const json& params :
       {json{{"message", "no key"}}, json{{"message", ""}, {"idempotencyKey", "k"}},
        json{{"message", "x"}, {"idempotencyKey", "k2"}, {"sessionId", "nope"}},
        json{{"message", "x"}, {"idempotencyKey", "k3"}, {"timeout", -1}}}) {
    EXPECT_TRUE(isError(gateway_.request(client, "agent", params), "INVALID_REQUEST"))
        << params.dump();
  }
  EXPECT_TRUE(isError(gateway_.request(client, "agent.wait", json::object()), "INVALID_REQUEST"));
  EXPECT_TRUE(provider_.requests().empty());
}

TEST(AgentMethodsWithoutModel, AgentSaysHowToConfigureOne) {
  InProcessGateway gateway;
  auto client = gateway.connectOperator();
  const json response =
      gateway.request(client, "agent", {{"message", "hi"}, {"idempotencyKey", "k1"}});
  EXPECT_TRUE(isError(response, "UNAVAILABLE")) << response.dump();
  EXPECT_NE(response.at("error").at("message").get<std::string>().find("agents.defaults.model"),
            std::string::npos);
  EXPECT_EQ(gateway.request(client, "sessions.list").at("payload").at("count"), 0);
}

}  // namespace
}  // namespace openclaw::testsupport
