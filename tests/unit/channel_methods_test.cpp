// send, channels.status and the DM pairing methods, in process, with no channel configured.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

class ChannelMethods : public ::testing::Test {
 protected:
  std::string code(const std::shared_ptr<FakeConnection>& caller, const std::string& method,
                   const json& params) {
    const json response = gateway_.request(caller, method, params);
    return response.value("ok", true) ? "ok" : response.at("error").at("code").get<std::string>();
  }

  InProcessGateway gateway_;
  std::shared_ptr<FakeConnection> op_ = gateway_.connectOperator();
};

TEST_F(ChannelMethods, StatusListsNoAccountsWhenNoChannelIsConfigured) {
  const json status = gateway_.request(op_, "channels.status").at("payload");
  EXPECT_EQ(status.at("channelOrder"), json::array()) << status.dump();
  EXPECT_EQ(status.at("channelAccounts"), json::object()) << status.dump();
  EXPECT_TRUE(status.at("ts").is_number_integer());
}

TEST_F(ChannelMethods, SendToAChannelThatIsNotLinkedIsRefused) {
  const json refused = gateway_.request(
      op_, "send", {{"to", "1"}, {"message", "x"}, {"channel", "irc"}, {"idempotencyKey", "k"}});
  EXPECT_TRUE(isError(refused, "NOT_LINKED")) << refused.dump();
}

TEST_F(ChannelMethods, BadParamsAreRefused) {
  EXPECT_EQ(code(op_, "send", {{"to", "1"}, {"message", "x"}}), "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "send", {{"to", "1"}, {"message", " "}, {"idempotencyKey", "k"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "channels.pairing.approve", {{"channel", "telegram"}}), "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "pairing.approve",
                 {{"channel", "telegram"}, {"accountId", "default"}, {"requestId", "NOPE2345"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "channels.pairing.dismiss",
                 {{"channel", "telegram"}, {"accountId", "default"}, {"requestId", "NOPE2345"}}),
            "INVALID_REQUEST");
}

TEST_F(ChannelMethods, PairingListStartsEmptyAndNeedsThePairingScope) {
  EXPECT_TRUE(gateway_.request(op_, "pairing.list").at("payload").at("requests").empty());
  auto reader = gateway_.connectOperator({protocol::scopes::kRead});
  EXPECT_EQ(code(reader, "channels.pairing.list", json::object()), "FORBIDDEN");
  EXPECT_EQ(code(reader, "send", {{"to", "1"}, {"message", "x"}, {"idempotencyKey", "k"}}),
            "FORBIDDEN");
  EXPECT_EQ(code(reader, "channels.status", json::object()), "ok");
}

}  // namespace
}  // namespace openclaw::testsupport
