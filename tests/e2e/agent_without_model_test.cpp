// Agent turns on a gateway without a configured model: a clear error, nothing stored.
#include <gtest/gtest.h>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;

TEST(AgentRunsWithoutModel, AgentAndChatSendSayHowToConfigureOne) {
  GatewayProcess gateway;
  gateway.start();
  auto client = gateway.connect();
  for (const auto& [method, params] : std::vector<std::pair<std::string, json>>{
           {"agent", {{"message", "hi"}, {"idempotencyKey", "k1"}}},
           {"chat.send", {{"sessionKey", "main"}, {"message", "hi"}, {"idempotencyKey", "k2"}}}}) {
    const json answer = client.request(method, params);
    ASSERT_EQ(answer.at("ok"), false);
    EXPECT_EQ(answer.at("error").at("code"), "UNAVAILABLE");
    EXPECT_NE(answer.at("error").at("message").get<std::string>().find("agents.defaults.model"),
              std::string::npos);
  }
  // Nothing was stored.
  EXPECT_EQ(client.call("sessions.list").at("count"), 0);
}

}  // namespace
}  // namespace openclaw::e2e
