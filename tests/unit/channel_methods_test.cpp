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

TEST_F(ChannelMethods, LifecycleAndStatusNameUnknownChannelsAndNeedAdmin) {
  EXPECT_EQ(code(op_, "channels.status", {{"channel", "fax"}}), "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "channels.status", {{"probe", true}, {"timeoutMs", 10}}), "ok");
  EXPECT_EQ(code(op_, "channels.start", {{"channel", "fax"}}), "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "channels.stop", {{"channel", "telegram"}}), "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "channels.logout", {{"channel", "irc"}, {"accountId", "x"}}),
            "INVALID_REQUEST");
  EXPECT_EQ(code(op_, "channels.start", {{"accountId", "x"}}), "INVALID_REQUEST");  // no channel
  auto writer = gateway_.connectOperator({protocol::scopes::kWrite});
  EXPECT_EQ(code(writer, "channels.stop", {{"channel", "telegram"}}), "FORBIDDEN");
}

TEST_F(ChannelMethods, SendChecksMediaParamsBeforeTheChannel) {
  const auto send = [&](json params) {
    params["to"] = "1";
    params["idempotencyKey"] = "k";
    params["channel"] = "irc";
    return code(op_, "send", params);
  };
  EXPECT_EQ(
      send({{"mediaUrls", json::array({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"})}}),
      "INVALID_REQUEST");
  EXPECT_EQ(send({{"mediaUrl", ""}}), "INVALID_REQUEST");
  EXPECT_EQ(send({{"buffer", 5}}), "INVALID_REQUEST");  // the schema: a string
  // Valid media params, but the channel is not configured.
  EXPECT_EQ(send({{"mediaUrl", "https://example.com/a.png"}}), "NOT_LINKED");
  EXPECT_EQ(code(op_, "send",
                 {{"to", "1"}, {"message", "x"}, {"channel", "fax"}, {"idempotencyKey", "k2"}}),
            "INVALID_REQUEST");
}

}  // namespace
}  // namespace openclaw::testsupport
