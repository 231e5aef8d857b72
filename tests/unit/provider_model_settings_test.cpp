#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <map>

#include "agent/providers/provider_factory.h"
#include "config/model_settings.h"
#include "config/reload_plan.h"
#include "env_lookup.h"

namespace openclaw::config {
namespace {

using nlohmann::json;

ConfigFile configOf(json root) {
  ConfigFile config;
  config.path = "/test/openclaw.json";
  config.exists = true;
  config.root = std::move(root);
  return config;
}

ModelSettings resolve(json root, std::map<std::string, std::string> env = {}) {
  return resolveModelSettings(configOf(std::move(root)),
                              testsupport::environmentOf(std::move(env)));
}

std::string resolveError(json root) {
  try {
    resolve(std::move(root));
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(ProviderModelSettings, NoModelIsNotAnError) {
  EXPECT_FALSE(resolve(json::object()).primary);
  EXPECT_FALSE(resolve({{"agents", {{"defaults", json::object()}}}}).primary);
  const std::string message = noModelConfiguredMessage("/home/me/.openclaw/openclaw.json");
  EXPECT_NE(message.find("agents.defaults.model"), std::string::npos);
  EXPECT_NE(message.find("/home/me/.openclaw/openclaw.json"), std::string::npos);
}

TEST(ProviderModelSettings, BuiltInProviderTakesKeyFromItsEnvironmentVariable) {
  const auto settings = resolve({{"agents", {{"defaults", {{"model", "anthropic/claude-x"}}}}}},
                                {{"ANTHROPIC_API_KEY", "sk-ant"}});
  ASSERT_TRUE(settings.primary);
  EXPECT_EQ(settings.primary->ref, "anthropic/claude-x");
  EXPECT_EQ(settings.primary->model, "claude-x");
  const ProviderSettings& provider = settings.primary->provider;
  EXPECT_EQ(provider.api, kAnthropicMessagesApi);
  EXPECT_EQ(provider.baseUrl, "https://api.anthropic.com");
  EXPECT_EQ(provider.apiKey, "sk-ant");
  EXPECT_TRUE(provider.apiKeyRequired);
}

TEST(ProviderModelSettings, RecordsWhichVariableTheKeyCameFrom) {
  const json builtIn = {{"agents", {{"defaults", {{"model", "anthropic/claude-x"}}}}}};
  EXPECT_EQ(resolve(builtIn, {{"ANTHROPIC_API_KEY", "sk-ant"}}).primary->provider.apiKeyVariable,
            "ANTHROPIC_API_KEY");
  EXPECT_FALSE(resolve(builtIn).primary->provider.apiKeyVariable);  // no key at all

  json literal = builtIn;
  literal["models"]["providers"]["anthropic"]["apiKey"] = "sk-in-config";
  const ProviderSettings fromConfig =
      resolve(literal, {{"ANTHROPIC_API_KEY", "sk-ant"}}).primary->provider;
  EXPECT_EQ(fromConfig.apiKey, "sk-in-config");
  EXPECT_FALSE(fromConfig.apiKeyVariable);

  json reference = builtIn;
  reference["models"]["providers"]["anthropic"]["apiKey"] = "${MY_KEY}";
  const ProviderSettings fromVariable =
      resolve(reference, {{"MY_KEY", "sk-mine"}}).primary->provider;
  EXPECT_EQ(fromVariable.apiKey, "sk-mine");
  EXPECT_EQ(fromVariable.apiKeyVariable, "MY_KEY");
}

TEST(ProviderModelSettings, ModelMayBeAnObjectWithPrimaryAndKeepsSlashesInTheModelId) {
  const auto settings =
      resolve({{"agents", {{"defaults", {{"model", {{"primary", "openrouter/meta/llama-4"}}}}}}}});
  ASSERT_TRUE(settings.primary);
  EXPECT_EQ(settings.primary->provider.id, "openrouter");
  EXPECT_EQ(settings.primary->model, "meta/llama-4");
  EXPECT_EQ(settings.primary->provider.apiKey, "");
}

TEST(ProviderModelSettings, CustomProviderReadsEveryField) {
  const auto settings =
      resolve({{"agents", {{"defaults", {{"model", "local/qwen"}}}}},
               {"models",
                {{"providers",
                  {{"local",
                    {{"baseUrl", "http://127.0.0.1:8080/v1/"},
                     {"api", "openai-completions"},
                     {"apiKey", "${LOCAL_KEY}"},
                     {"headers", {{"X-Team", "a"}, {"X-Secret", "${LOCAL_SECRET}"}}},
                     {"timeoutSeconds", 30}}}}}}}},
              {{"LOCAL_KEY", "k1"}, {"LOCAL_SECRET", "s1"}});
  ASSERT_TRUE(settings.primary);
  const ProviderSettings& provider = settings.primary->provider;
  EXPECT_EQ(provider.baseUrl, "http://127.0.0.1:8080/v1");
  EXPECT_EQ(provider.apiKey, "k1");
  EXPECT_FALSE(provider.apiKeyRequired);
  EXPECT_EQ(provider.timeoutMs, 30'000);
  const std::vector<std::pair<std::string, std::string>> headers = {{"X-Secret", "s1"},
                                                                    {"X-Team", "a"}};
  EXPECT_EQ(provider.headers, headers);
}

TEST(ProviderModelSettings, ConfigOverridesBuiltInDefaults) {
  const auto settings = resolve(
      {{"agents", {{"defaults", {{"model", "openai/gpt-5"}}}}},
       {"models", {{"providers", {{"openai", {{"baseUrl", "https://proxy.example/v1"}}}}}}}},
      {{"OPENAI_API_KEY", "sk-env"}});
  ASSERT_TRUE(settings.primary);
  EXPECT_EQ(settings.primary->provider.baseUrl, "https://proxy.example/v1");
  EXPECT_EQ(settings.primary->provider.apiKey, "sk-env");
}

TEST(ProviderModelSettings, RejectsMalformedValuesWithTheKeyAndAFix) {
  const auto model = [](json value) {
    return json{{"agents", {{"defaults", {{"model", value}}}}}};
  };
  EXPECT_NE(resolveError(model("gpt-5")).find("provider/model"), std::string::npos);
  EXPECT_NE(resolveError(model("/gpt-5")).find("provider/model"), std::string::npos);
  EXPECT_NE(resolveError(model(42)).find("must be a string"), std::string::npos);

  json custom = model("mine/x");
  custom["models"]["providers"]["mine"] = {{"baseUrl", "ftp://x"}};
  EXPECT_NE(resolveError(custom).find("http://"), std::string::npos);
  custom["models"]["providers"]["mine"] = {{"baseUrl", "http://x"}, {"api", "soap"}};
  EXPECT_NE(resolveError(custom).find("anthropic-messages"), std::string::npos);
  custom["models"]["providers"]["mine"] = {{"baseUrl", "http://x"}, {"headers", "x"}};
  EXPECT_NE(resolveError(custom).find("headers"), std::string::npos);
}

GatewaySettings gatewayWith(ModelSettings models) {
  GatewaySettings settings;
  settings.paths.configPath = "/test/openclaw.json";
  settings.models = std::move(models);
  return settings;
}

TEST(ProviderModelSettings, GatewaySettingsCarryTheModel) {
  InstancePaths paths;
  paths.configPath = "/test/openclaw.json";
  const json root = {{"gateway", {{"mode", "local"}}},
                     {"agents", {{"defaults", {{"model", "ollama/llama3.3"}}}}}};
  const GatewaySettings settings = resolveGatewaySettings(
      configOf(root), paths, GatewayRunOptions{}, testsupport::environmentOf({}));
  ASSERT_TRUE(settings.models.primary);
  EXPECT_EQ(settings.models.primary->ref, "ollama/llama3.3");

  json broken = root;
  broken["agents"]["defaults"]["model"] = json::array();
  EXPECT_THROW(resolveGatewaySettings(configOf(broken), paths, GatewayRunOptions{},
                                      testsupport::environmentOf({})),
               ConfigError);
}

TEST(ProviderModelSettings, ModelAndProviderChangesReloadLive) {
  const json model = {{"agents", {{"defaults", {{"model", "ollama/a"}}}}}};
  json otherModel = model;
  otherModel["agents"]["defaults"]["model"] = "ollama/b";
  json otherUrl = model;
  otherUrl["models"]["providers"]["ollama"]["baseUrl"] = "http://10.0.0.2:11434/v1";

  const ReloadPlan modelChange =
      planReload(gatewayWith(resolve(model)), gatewayWith(resolve(otherModel)));
  EXPECT_EQ(modelChange.hot, std::vector<std::string>{"agents.defaults.model"});
  EXPECT_TRUE(modelChange.restart.empty());
  const ReloadPlan urlChange =
      planReload(gatewayWith(resolve(model)), gatewayWith(resolve(otherUrl)));
  EXPECT_EQ(urlChange.hot, std::vector<std::string>{"models.providers"});
  EXPECT_TRUE(urlChange.restart.empty());
}

TEST(ProviderFactory, UnusableProvidersDoNotStopTheGatewayButFailTheCall) {
  boost::asio::io_context io;
  const auto unknown = resolve({{"agents", {{"defaults", {{"model", "moonshot/kimi"}}}}}});
  ASSERT_TRUE(unknown.primary);
  auto call = agent::makeModelProvider(io, gatewayWith(unknown));
  EXPECT_FALSE(call.provider);
  EXPECT_NE(call.error.find("unknown model provider \"moonshot\""), std::string::npos);
  EXPECT_NE(call.error.find("models.providers.moonshot"), std::string::npos);

  const auto noUrl =
      resolve({{"agents", {{"defaults", {{"model", "mine/x"}}}}},
               {"models", {{"providers", {{"mine", {{"api", "openai-completions"}}}}}}}});
  call = agent::makeModelProvider(io, gatewayWith(noUrl));
  EXPECT_FALSE(call.provider);
  EXPECT_NE(call.error.find("models.providers.mine"), std::string::npos);
  EXPECT_NE(call.error.find("baseUrl"), std::string::npos);
}

TEST(ProviderFactory, ExplainsWhatToConfigure) {
  boost::asio::io_context io;
  auto none = agent::makeModelProvider(io, gatewayWith({}));
  EXPECT_FALSE(none.provider);
  EXPECT_NE(none.error.find("agents.defaults.model"), std::string::npos);

  auto keyless = agent::makeModelProvider(
      io, gatewayWith(resolve({{"agents", {{"defaults", {{"model", "anthropic/c"}}}}}})));
  EXPECT_FALSE(keyless.provider);
  EXPECT_NE(keyless.error.find("ANTHROPIC_API_KEY"), std::string::npos);

  auto local = agent::makeModelProvider(
      io, gatewayWith(resolve({{"agents", {{"defaults", {{"model", "ollama/llama3.3"}}}}}})));
  ASSERT_TRUE(local.provider) << local.error;
  EXPECT_EQ(local.model, "llama3.3");
  EXPECT_EQ(local.ref, "ollama/llama3.3");
}

}  // namespace
}  // namespace openclaw::config
