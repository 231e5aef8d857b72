// agents.list, agent.identity.get, models.list and models.authStatus, in process.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"
#include "upstream_schema.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "sk-model-methods-secret-0042";

json request(InProcessGateway& gateway, const std::string& method,
             const json& params = json::object()) {
  auto reader = gateway.connectOperator({protocol::scopes::kRead});
  return gateway.request(reader, method, params);
}

json payload(InProcessGateway& gateway, const std::string& method,
             const json& params = json::object()) {
  const json response = request(gateway, method, params);
  EXPECT_EQ(response.at("ok"), true) << method << ": " << response.dump();
  return response.value("payload", json());
}

TEST(ModelMethods, WithoutConfiguredAgentsThereIsTheImplicitMain) {
  InProcessGateway gateway;
  const json agents = payload(gateway, "agents.list");
  EXPECT_TRUE(upstreamValid("AgentsListResult", agents));
  EXPECT_EQ(agents.at("defaultId"), "main");
  EXPECT_EQ(agents.at("mainKey"), "main");
  ASSERT_EQ(agents.at("agents").size(), 1u);
  EXPECT_EQ(agents.at("agents")[0].at("id"), "main");
  EXPECT_FALSE(agents.at("agents")[0].contains("model"));  // none configured
  EXPECT_FALSE(agents.at("agents")[0].contains("identity"));

  const json identity = payload(gateway, "agent.identity.get");
  EXPECT_TRUE(upstreamValid("AgentIdentityResult", identity));
  EXPECT_EQ(identity, json({{"agentId", "main"},
                            {"name", "Assistant"},
                            {"nameSource", "default"},
                            {"avatarStatus", "none"}}));
  EXPECT_EQ(payload(gateway, "models.list"), json({{"models", json::array()}}));
  const json auth = payload(gateway, "models.authStatus");
  EXPECT_TRUE(auth.at("providers").empty());
  EXPECT_TRUE(auth.at("ts").is_number_integer());
}

// The official CLI's `models list` calls models.list only on a gateway whose hello-ok lists the
// "published-model-catalog" capability, with these params.
TEST(ModelMethods, HelloOkSaysTheCatalogIsPublishedAndTheClisParamsAreAccepted) {
  InProcessGateway gateway;
  auto reader = gateway.connectOperator({protocol::scopes::kRead});
  json hello;
  for (const std::string& text : reader->sent) {
    const json frame = json::parse(text);
    if (frame.value("type", "") == "res" && frame.value("payload", json()).is_object() &&
        frame.at("payload").value("type", "") == "hello-ok") {
      hello = frame.at("payload");
    }
  }
  ASSERT_FALSE(hello.is_null());
  const json& capabilities = hello.at("features").at("capabilities");
  EXPECT_NE(std::find(capabilities.begin(), capabilities.end(), "published-model-catalog"),
            capabilities.end());
  EXPECT_EQ(gateway.request(reader, "models.list", {{"view", "default"}, {"includeDetails", true}})
                .at("ok"),
            true);
}

TEST(ModelMethods, TheProviderFilterKeepsOnlyThatProvidersModels) {
  InProcessGateway gateway(json{
      {"agents", {{"defaults", {{"model", "scripted/test"}}}}},
      {"models",
       {{"providers",
         {{"scripted", {{"baseUrl", "http://127.0.0.1:9/v1"}, {"api", "openai-completions"}}}}}}}});
  EXPECT_EQ(payload(gateway, "models.list", {{"provider", "scripted"}}).at("models").size(), 1u);
  EXPECT_TRUE(payload(gateway, "models.list", {{"provider", "other"}}).at("models").empty());
}

TEST(ModelMethods, ConfiguredAgentsAndTheirIdentities) {
  InProcessGateway gateway(json{{"agents",
                                 {{"defaults", {{"model", "ollama/llama3.3"}}},
                                  {"list",
                                   {{{"id", "main"}, {"name", "Main"}},
                                    {{"id", "Work"},
                                     {"default", true},
                                     {"identity",
                                      {{"name", "Clawd"},
                                       {"emoji", "🦞"},
                                       {"avatar", "https://example.test/clawd.png"}}}}}}}}});
  const json agents = payload(gateway, "agents.list");
  EXPECT_TRUE(upstreamValid("AgentsListResult", agents));
  EXPECT_EQ(agents.at("defaultId"), "work");
  ASSERT_EQ(agents.at("agents").size(), 2u);
  EXPECT_EQ(agents.at("agents")[0].at("name"), "Main");
  EXPECT_EQ(agents.at("agents")[1].at("id"), "work");
  EXPECT_EQ(agents.at("agents")[1].at("identity").at("emoji"), "🦞");
  EXPECT_EQ(agents.at("agents")[1].at("model").at("primary"), "ollama/llama3.3");

  const json work = payload(gateway, "agent.identity.get");  // the default agent
  EXPECT_TRUE(upstreamValid("AgentIdentityResult", work));
  EXPECT_EQ(work.at("agentId"), "work");
  EXPECT_EQ(work.at("name"), "Clawd");
  EXPECT_EQ(work.at("nameSource"), "agent");
  EXPECT_EQ(work.at("emoji"), "🦞");
  EXPECT_EQ(work.at("avatar"), "https://example.test/clawd.png");
  EXPECT_EQ(work.at("avatarStatus"), "remote");
  const json main =
      payload(gateway, "agent.identity.get", {{"sessionKey", "agent:main:telegram:dm:42"}});
  EXPECT_EQ(main.at("agentId"), "main");
  EXPECT_EQ(main.at("name"), "Assistant");  // `name` is the list's label, not the identity
  EXPECT_EQ(payload(gateway, "agent.identity.get", {{"agentId", "WORK"}}).at("agentId"), "work");

  EXPECT_TRUE(
      isError(request(gateway, "agent.identity.get", {{"agentId", "ghost"}}), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(request(gateway, "agent.identity.get", {{"sessionKey", "agent:ghost:main"}}),
                      "INVALID_REQUEST"));
  EXPECT_TRUE(isError(request(gateway, "agent.identity.get", {{"sessionKey", "agent::"}}),
                      "INVALID_REQUEST"));
  EXPECT_TRUE(isError(request(gateway, "models.list", {{"agentId", "ghost"}}), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(request(gateway, "agents.list", {{"all", true}}), "INVALID_REQUEST"));
}

TEST(ModelMethods, TheConfiguredModelAndWhetherItsProviderHasAKey) {
  InProcessGateway withKey(json{
      {"agents", {{"defaults", {{"model", "local/qwen3"}}}}},
      {"models",
       {{"providers", {{"local", {{"baseUrl", "http://127.0.0.1:9/v1"}, {"apiKey", kSecret}}}}}}}});
  const json models = payload(withKey, "models.list", {{"view", "configured"}});
  EXPECT_TRUE(upstreamValid("ModelsListResult", models));
  EXPECT_EQ(
      models,
      json({{"models",
             {{{"id", "qwen3"}, {"name", "qwen3"}, {"provider", "local"}, {"available", true}}}}}));
  const json auth = payload(withKey, "models.authStatus", {{"refresh", true}});
  ASSERT_EQ(auth.at("providers").size(), 1u);
  const json& provider = auth.at("providers")[0];
  EXPECT_EQ(provider.at("provider"), "local");
  EXPECT_EQ(provider.at("status"), "static");
  EXPECT_EQ(provider.at("apiKey"), json({{"source", "config"}}));
  EXPECT_EQ(auth.dump().find(kSecret), std::string::npos);  // never the key itself
  EXPECT_EQ(models.dump().find(kSecret), std::string::npos);

  // In process the environment is empty: groq's GROQ_API_KEY is not there.
  InProcessGateway missing(json{{"agents", {{"defaults", {{"model", "groq/llama-4"}}}}}});
  const json unavailable = payload(missing, "models.list").at("models")[0];
  EXPECT_EQ(unavailable.at("available"), false);
  EXPECT_EQ(unavailable.at("unavailableReason"), "missing-auth");
  const json noKey = payload(missing, "models.authStatus").at("providers")[0];
  EXPECT_EQ(noKey.at("status"), "missing");
  EXPECT_FALSE(noKey.contains("apiKey"));
}

}  // namespace
}  // namespace openclaw::testsupport
