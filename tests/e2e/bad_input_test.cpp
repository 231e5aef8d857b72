// Bad input on the control plane: each gets its documented error and close code, and the
// gateway keeps serving everyone else.
#include <gtest/gtest.h>

#include "gateway_process.h"
#include "presence_flood.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // A socket that received the challenge and nothing else yet.
  client::GatewayClient opened() {
    client::GatewayClient client(gateway.clientOptions());
    client.open();
    return client;
  }

  // The next response frame, skipping events (presence, tick) that arrive in between.
  static json nextResponse(client::GatewayClient& client) {
    while (auto text = client.readText(5s)) {
      json frame = json::parse(*text);
      if (frame.at("type") == "res") return frame;
    }
    throw std::runtime_error("no response within 5 s");
  }

  // A request frame whose params are `depth` nested arrays (the issue 15 frame at 200,000).
  static std::string deeplyNestedRequest(const std::string& method, std::size_t depth) {
    return R"({"type":"req","id":"1","method":")" + method + R"(","params":)" +
           std::string(depth, '[') + std::string(depth, ']') + "}";
  }

  // The answer to a frame nested past the limit: INVALID_REQUEST for its id.
  static void expectTooDeepAnswer(const json& response) {
    EXPECT_EQ(response.at("id"), "1");
    EXPECT_EQ(response.at("ok"), false);
    EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
    EXPECT_EQ(response.at("error").at("message"),
              "invalid request frame: nested deeper than 128 levels");
  }

  // A fresh client still gets served: the gateway survived whatever the test did.
  void expectGatewayStillServes() {
    auto client = gateway.connect();
    EXPECT_EQ(client.call("health").at("ok"), true);
  }

  GatewayProcess gateway{json{{"gateway",
                               {{"limits",
                                 {{"handshakeTimeoutMs", 1500},
                                  {"maxPayloadBytes", 512 * 1024},
                                  {"maxBufferedBytes", 512 * 1024}}}}}}};
};

TEST_F(BadInput, MalformedJsonBeforeConnectClosesWith1008) {
  auto client = opened();
  client.sendText("{not json");
  const auto close = client.waitClosed(5s);
  EXPECT_EQ(close.code, 1008);
  EXPECT_EQ(close.reason, "invalid JSON");
  expectGatewayStillServes();
}

TEST_F(BadInput, MalformedJsonAfterConnectClosesWith1008) {
  auto client = gateway.connect();
  client.sendText("[1, 2");
  EXPECT_EQ(client.waitClosed(5s).code, 1008);
  expectGatewayStillServes();
}

// Found by fuzz_connect: a non-string "type" used to throw out of the handshake and take the
// whole gateway down.
TEST_F(BadInput, FirstFrameWithANonStringTypeClosesOnlyThatSocket) {
  for (const char* frame : {R"({"type":{}})", R"({"type":7,"id":"x"})", R"({"type":null})"}) {
    auto client = opened();
    client.sendText(frame);
    const auto close = client.waitClosed(5s);
    EXPECT_EQ(close.code, 1008) << frame;
    EXPECT_EQ(close.reason, "invalid request frame") << frame;
  }
  expectGatewayStillServes();
}

TEST_F(BadInput, FirstRequestOtherThanConnectGetsInvalidRequestAndClose1008) {
  auto client = opened();
  client.sendText(R"({"type":"req","id":"r1","method":"health","params":{}})");
  const json response = nextResponse(client);
  EXPECT_EQ(response.at("id"), "r1");
  EXPECT_EQ(response.at("ok"), false);
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(response.at("error").at("message"), "invalid handshake: first request must be connect");
  EXPECT_EQ(client.waitClosed(5s).code, 1008);
}

TEST_F(BadInput, FirstFrameThatIsNotARequestClosesWith1008) {
  auto client = opened();
  client.sendText(R"({"type":"event","event":"hello"})");
  const auto close = client.waitClosed(5s);
  EXPECT_EQ(close.code, 1008);
  EXPECT_EQ(close.reason, "invalid request frame");
}

TEST_F(BadInput, ConnectWithInvalidParamsNamesThePath) {
  auto client = opened();
  json params = client.buildConnectParams();
  params["client"]["mode"] = "spaceship";
  client.sendText(
      json{{"type", "req"}, {"id", "c1"}, {"method", "connect"}, {"params", params}}.dump());
  const json response = nextResponse(client);
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_NE(response.at("error").at("message").get<std::string>().find("params.client.mode"),
            std::string::npos)
      << response.dump();
  EXPECT_EQ(client.waitClosed(5s).code, 1008);
}

TEST_F(BadInput, ConnectWithUnknownTopLevelFieldIsRejected) {
  auto client = opened();
  json params = client.buildConnectParams();
  params["surprise"] = true;
  client.sendText(
      json{{"type", "req"}, {"id", "c1"}, {"method", "connect"}, {"params", params}}.dump());
  EXPECT_EQ(nextResponse(client).at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(client.waitClosed(5s).code, 1008);
}

TEST_F(BadInput, RequestFrameWithExtraFieldsIsInvalid) {
  auto client = gateway.connect();
  client.sendText(R"({"type":"req","id":"x1","method":"health","params":{},"extra":1})");
  const json response = nextResponse(client);
  EXPECT_EQ(response.at("id"), "x1");
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST_F(BadInput, OversizedFrameBeforeConnectClosesWith1009) {
  auto client = opened();
  client.sendText(std::string(70 * 1024, 'x'));
  EXPECT_EQ(client.waitClosed(5s).code, 1009);
  expectGatewayStillServes();
}

TEST_F(BadInput, FrameOverMaxPayloadAfterConnectClosesWith1009) {
  auto client = gateway.connect();
  // Well above the pre-auth cap, below maxPayload: accepted once authenticated.
  const std::string text(100 * 1024, 'a');
  EXPECT_EQ(
      client.call("system-event", {{"text", "ok"}, {"tags", {text.substr(0, 1000)}}}).at("ok"),
      true);
  const json bigButAllowed = {
      {"type", "req"}, {"id", "b1"}, {"method", "nope"}, {"params", {{"pad", text}}}};
  client.sendText(bigButAllowed.dump());
  EXPECT_EQ(nextResponse(client).at("error").at("code"), "INVALID_REQUEST");

  client.sendText(std::string(600 * 1024, 'x'));
  EXPECT_EQ(client.waitClosed(5s).code, 1009);
  expectGatewayStillServes();
}

TEST_F(BadInput, SilentClientIsClosedAtTheHandshakeDeadline) {
  auto client = opened();
  const auto close = client.waitClosed(10s);
  EXPECT_EQ(close.code, 1008);
  EXPECT_EQ(close.reason, "handshake timeout");
}

TEST_F(BadInput, UnknownMethodIsInvalidRequestAndTheConnectionStays) {
  auto client = gateway.connect();
  const json response = client.request("no.such.method");
  EXPECT_EQ(response.at("ok"), false);
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_EQ(response.at("error").at("message"), "unknown method: no.such.method");
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST_F(BadInput, WrongParamsNameThePath) {
  auto client = gateway.connect();
  json response = client.request("health", {{"probe", "yes"}});
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_NE(response.at("error").at("message").get<std::string>().find("params.probe"),
            std::string::npos)
      << response.dump();

  response = client.request("system-event", {{"text", "hi"}, {"bogus", 1}});
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");

  response = client.request("system-event", json::object());
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_NE(response.at("error").at("message").get<std::string>().find("text"), std::string::npos);

  response = client.request("status", json::array({1, 2}));
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
}

// Issue 15: about 400 KB (under maxPayload) of nested arrays from a read-only client used to
// overflow the stack when dispatch copied params, killing the gateway with SIGSEGV.
TEST_F(BadInput, DeeplyNestedParamsAreAnInvalidRequestAndTheConnectionStays) {
  auto options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient reader(options);
  reader.connect();
  reader.sendText(deeplyNestedRequest("health", 200'000));
  expectTooDeepAnswer(nextResponse(reader));
  EXPECT_EQ(reader.call("health").at("ok"), true);
  expectGatewayStillServes();
}

// The same from a node, which needs no scope for node.event.
TEST_F(BadInput, DeeplyNestedNodeEventIsAnInvalidRequestAndTheConnectionStays) {
  client::GatewayClient node(gateway.nodeClientOptions());
  node.connect();
  node.sendText(deeplyNestedRequest("node.event", 200'000));
  expectTooDeepAnswer(nextResponse(node));
  EXPECT_EQ(node.request("node.event", {{"event", "ping"}}).at("ok"), true);
  expectGatewayStillServes();
}

// Before connect the 64 KiB cap still leaves room for 30,000 levels: refused like any invalid
// connect frame (answered, then closed with 1008).
TEST_F(BadInput, DeeplyNestedConnectIsRefusedAndClosed) {
  auto client = opened();
  client.sendText(deeplyNestedRequest("connect", 30'000));
  expectTooDeepAnswer(nextResponse(client));
  EXPECT_EQ(client.waitClosed(5s).code, 1008);
  expectGatewayStillServes();
}

TEST_F(BadInput, JsonThatIsNotAnObjectIsAnInvalidRequest) {
  auto client = gateway.connect();
  client.sendText("42");
  const json response = nextResponse(client);
  EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST");
}

TEST_F(BadInput, SlowReaderIsDisconnectedAndOthersKeepWorking) {
  auto slowOptions = gateway.clientOptions();
  slowOptions.client.mode = "ui";  // a mode with a presence row
  slowOptions.client.instanceId = "slow-reader";
  client::GatewayClient slow(slowOptions);
  slow.setReceiveBufferSize(4096);
  slow.connect();

  // The slow client never reads, so its queue passes maxBufferedBytes (512 KiB) and the gateway
  // drops it: its presence row goes.
  auto fast = gateway.connect();
  const auto flood = floodPresenceUntilGone(fast, "slow-reader", 30s);
  EXPECT_TRUE(flood.gone) << flood.events << " events\n" << gateway.output();
  EXPECT_TRUE(gateway.waitForOutput("disconnecting slow reader", 5s)) << gateway.output();
  EXPECT_EQ(fast.call("health").at("ok"), true);
  // Dropped outright (no close frame: its socket could not take one).
  EXPECT_EQ(slow.waitClosed(10s).code, 1006);
}

}  // namespace
}  // namespace openclaw::e2e
