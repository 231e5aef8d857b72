// web_fetch against internal addresses, end to end: the scripted model asks the real gateway's
// agent to fetch the gateway's own /health over loopback.
#include <gtest/gtest.h>

#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

// Starts `gateway`, runs one turn in which the model calls web_fetch on the gateway's own
// /health, and returns the tool result the model got back.
std::string selfFetchResult(ScriptedProvider& provider, GatewayProcess& gateway) {
  gateway.start();
  const std::string url = "http://127.0.0.1:" + std::to_string(gateway.port()) + "/health";
  provider.enqueue(ScriptedReply::toolCall("fetch-1", "web_fetch", {json{{"url", url}}.dump()}));
  provider.enqueue(ScriptedReply::text({"done"}));
  auto client = gateway.connect();
  client.call("agent", {{"message", "fetch it"}, {"agentId", "main"}, {"idempotencyKey", "f-1"}},
              30s, true);
  const auto requests = provider.requests();
  if (requests.size() != 2)
    return "expected 2 model requests, got " + std::to_string(requests.size());
  return requests[1].json().at("messages").back().at("content").dump();
}

TEST(WebFetch, TheAgentCannotReachTheGatewayItselfByDefault) {
  ScriptedProvider provider;
  GatewayProcess gateway(provider.gatewayConfig());
  const std::string result = selfFetchResult(provider, gateway);
  EXPECT_NE(result.find("refusing to connect to 127.0.0.1: 127.0.0.1 is loopback"),
            std::string::npos)
      << result;
  EXPECT_EQ(result.find("HTTP 200"), std::string::npos) << result;
}

TEST(WebFetch, ThePrivateNetworkOptInReachesLoopback) {
  ScriptedProvider provider;
  json config = provider.gatewayConfig();
  config["tools"] = {
      {"web", {{"fetch", {{"ssrfPolicy", {{"dangerouslyAllowPrivateNetwork", true}}}}}}}};
  GatewayProcess gateway(config);
  const std::string result = selfFetchResult(provider, gateway);
  EXPECT_NE(result.find("HTTP 200"), std::string::npos) << result;
}

}  // namespace
}  // namespace openclaw::e2e
