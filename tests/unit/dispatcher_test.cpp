// The control plane's request dispatch, in process: what every method gets from the dispatcher
// before and instead of its handler.
#include <gtest/gtest.h>

#include <stdexcept>

#include "in_process_gateway.h"
#include "protocol/scopes.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

class Dispatcher : public ::testing::Test {
 protected:
  InProcessGateway gateway_;
};

TEST_F(Dispatcher, UnknownMethodIsAnInvalidRequest) {
  auto client = gateway_.connectOperator();
  const json response = gateway_.request(client, "no.such.method");
  EXPECT_TRUE(isError(response, "INVALID_REQUEST")) << response.dump();
  EXPECT_EQ(response.at("error").at("message"), "unknown method: no.such.method");
  EXPECT_FALSE(client->closed);
}

TEST_F(Dispatcher, MissingScopeIsForbiddenAndNamesTheScope) {
  auto client = gateway_.connectOperator({protocol::scopes::kRead});
  const json response = gateway_.request(client, "system-event", {{"text", "hi"}});
  EXPECT_TRUE(isError(response, "FORBIDDEN")) << response.dump();
  EXPECT_EQ(response.at("error").at("details"), json({{"code", "MISSING_SCOPE"},
                                                      {"missingScope", "operator.admin"},
                                                      {"requiredScopes", {"operator.admin"}}}));
  EXPECT_EQ(gateway_.request(client, "health").at("ok"), true);  // read is still allowed
}

TEST_F(Dispatcher, NodeRoleCannotCallOperatorMethods) {
  auto node = gateway_.open();
  json params = InProcessGateway::connectParams({});
  params["role"] = "node";
  params["client"]["mode"] = "node";
  params["client"]["id"] = "node-host";
  ASSERT_EQ(gateway_.request(node, "connect", params).at("ok"), true);
  const json response = gateway_.request(node, "health");
  EXPECT_TRUE(isError(response, "FORBIDDEN")) << response.dump();
  EXPECT_EQ(response.at("error").at("details").at("code"), "ROLE_NOT_ALLOWED");
}

TEST_F(Dispatcher, ParamsFailingTheSchemaAreRejectedBeforeTheHandler) {
  auto client = gateway_.connectOperator();
  const json missing = gateway_.request(client, "sessions.reset", json::object());
  EXPECT_TRUE(isError(missing, "INVALID_REQUEST")) << missing.dump();
  EXPECT_EQ(missing.at("error").at("message").get<std::string>().rfind(
                "invalid sessions.reset params: ", 0),
            0u)
      << missing.dump();
  const json wrongType = gateway_.request(client, "logs.tail", {{"limit", "ten"}});
  EXPECT_TRUE(isError(wrongType, "INVALID_REQUEST")) << wrongType.dump();
}

TEST_F(Dispatcher, MalformedFramesAreAnsweredAndTheConnectionStaysUp) {
  auto client = gateway_.connectOperator();
  gateway_.sendText(client, R"({"type":"req","id":"bad-1","method":42})");
  const json response = gateway_.response(client, "bad-1");
  EXPECT_TRUE(isError(response, "INVALID_REQUEST")) << response.dump();
  gateway_.sendText(client, R"({"type":"req","id":"again","method":"connect","params":{}})");
  EXPECT_EQ(gateway_.response(client, "again").at("error").at("message"), "already connected");
  EXPECT_FALSE(client->closed);
  EXPECT_EQ(gateway_.request(client, "health").at("ok"), true);
}

TEST_F(Dispatcher, MalformedJsonClosesTheConnection) {
  auto client = gateway_.connectOperator();
  gateway_.sendText(client, "not json {");
  ASSERT_TRUE(gateway_.waitClosed(client));
  EXPECT_EQ(client->closeCode, 1008);
  EXPECT_EQ(client->closeReason, "invalid JSON");
}

TEST_F(Dispatcher, RequestBeforeConnectIsRefusedAndCloses) {
  auto client = gateway_.open();
  EXPECT_FALSE(gateway_.event(client, "connect.challenge")
                   .at("payload")
                   .at("nonce")
                   .get<std::string>()
                   .empty());
  const json response = gateway_.request(client, "health");
  EXPECT_TRUE(isError(response, "INVALID_REQUEST")) << response.dump();
  EXPECT_EQ(response.at("error").at("message"), "invalid handshake: first request must be connect");
  ASSERT_TRUE(gateway_.waitClosed(client));
  EXPECT_EQ(client->closeCode, 1008);
}

TEST_F(Dispatcher, WrongTokenIsRefused) {
  auto client = gateway_.open();
  json params = InProcessGateway::connectParams({protocol::scopes::kRead});
  params["auth"]["token"] = "wrong";
  const json response = gateway_.request(client, "connect", params);
  EXPECT_EQ(response.at("ok"), false) << response.dump();
  ASSERT_TRUE(gateway_.waitClosed(client));
}

TEST_F(Dispatcher, IdempotentRetryIsAnsweredFromTheCacheWithoutRunningTheHandler) {
  int calls = 0;
  gateway_.services().plane().registry().add(
      {.name = "test.count",
       .scope = protocol::scopes::kWrite,
       .paramsSchema = "SystemEventParams",
       .sideEffects = true,
       .handler = [&calls](const rpc::MethodCall&, const rpc::Responder& responder) {
         responder.ok({{"call", ++calls}});
       }});
  auto client = gateway_.connectOperator();
  const json params = {{"text", "x"}, {"idempotencyKey", "key-1"}};
  EXPECT_EQ(gateway_.request(client, "test.count", params).at("payload"), json({{"call", 1}}));
  auto other = gateway_.connectOperator();
  EXPECT_EQ(gateway_.request(other, "test.count", params).at("payload"), json({{"call", 1}}));
  EXPECT_EQ(calls, 1);
  const json fresh = {{"text", "x"}, {"idempotencyKey", "key-2"}};
  EXPECT_EQ(gateway_.request(client, "test.count", fresh).at("payload"), json({{"call", 2}}));
  EXPECT_EQ(gateway_.request(client, "test.count", {{"text", "no key"}}).at("payload"),
            json({{"call", 3}}));
  EXPECT_EQ(gateway_.request(client, "test.count", {{"text", "no key"}}).at("payload"),
            json({{"call", 4}}));
}

TEST_F(Dispatcher, HandlerThatThrowsAnswersUnavailable) {
  gateway_.services().plane().registry().add(
      {.name = "test.throw",
       .scope = protocol::scopes::kRead,
       .paramsSchema = "SystemEventParams",
       .handler = [](const rpc::MethodCall&, const rpc::Responder&) {
         throw std::runtime_error("boom");
       }});
  auto client = gateway_.connectOperator();
  const json response = gateway_.request(client, "test.throw", {{"text", "x"}});
  EXPECT_TRUE(isError(response, "UNAVAILABLE")) << response.dump();
  EXPECT_EQ(response.at("error").at("message"), "test.throw failed: boom");
}

}  // namespace
}  // namespace openclaw::testsupport
