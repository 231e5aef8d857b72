#include "config/model_settings.h"

#include <algorithm>
#include <initializer_list>

namespace openclaw::config {
namespace {

struct BuiltInProvider {
  const char* id;
  const char* api;
  const char* baseUrl;
  const char* apiKeyEnv;
  bool apiKeyRequired;
};

// Providers usable by id alone. Local servers speak the OpenAI-compatible API and need no key.
constexpr BuiltInProvider kBuiltIns[] = {
    {"openai", kOpenAiCompletionsApi, "https://api.openai.com/v1", "OPENAI_API_KEY", true},
    {"anthropic", kAnthropicMessagesApi, "https://api.anthropic.com", "ANTHROPIC_API_KEY", true},
    {"openrouter", kOpenAiCompletionsApi, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
     true},
    {"groq", kOpenAiCompletionsApi, "https://api.groq.com/openai/v1", "GROQ_API_KEY", true},
    {"mistral", kOpenAiCompletionsApi, "https://api.mistral.ai/v1", "MISTRAL_API_KEY", true},
    {"deepseek", kOpenAiCompletionsApi, "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", true},
    {"xai", kOpenAiCompletionsApi, "https://api.x.ai/v1", "XAI_API_KEY", true},
    {"ollama", kOpenAiCompletionsApi, "http://127.0.0.1:11434/v1", "OLLAMA_API_KEY", false},
    {"vllm", kOpenAiCompletionsApi, "http://127.0.0.1:8000/v1", "VLLM_API_KEY", false},
    {"sglang", kOpenAiCompletionsApi, "http://127.0.0.1:30000/v1", "SGLANG_API_KEY", false},
    {"lmstudio", kOpenAiCompletionsApi, "http://localhost:1234/v1", "LM_API_TOKEN", false},
};

const BuiltInProvider* findBuiltIn(const std::string& id) {
  for (const BuiltInProvider& provider : kBuiltIns) {
    if (id == provider.id) return &provider;
  }
  return nullptr;
}

// "${NAME}" reads NAME from the environment (unset: ""); any other text is taken literally.
std::string expandEnvReference(const std::string& value, const EnvLookup& env) {
  if (value.size() > 3 && value.starts_with("${") && value.ends_with("}")) {
    return env(value.substr(2, value.size() - 3)).value_or("");
  }
  return value;
}

// The member at `keys` when every step is an object; nullptr otherwise (wrong types are left to
// ConfigFile's typed accessors, which report them).
const nlohmann::json* memberAt(const nlohmann::json& root,
                               std::initializer_list<const char*> keys) {
  const nlohmann::json* node = &root;
  for (const char* key : keys) {
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
  }
  return node;
}

// agents.defaults.model: "provider/model" or {primary: "provider/model"}.
std::optional<std::string> modelRef(const ConfigFile& config, std::string& pointer) {
  const nlohmann::json* model = memberAt(config.root, {"agents", "defaults", "model"});
  pointer =
      model && model->is_object() ? "/agents/defaults/model/primary" : "/agents/defaults/model";
  return config.string(pointer);
}

// The provider `id` as configured; `unavailable` says why it cannot be used, if it cannot.
ProviderSettings providerSettings(const ConfigFile& config, const std::string& id,
                                  const EnvLookup& env, std::string& unavailable) {
  ProviderSettings provider;
  provider.id = id;
  const BuiltInProvider* builtIn = findBuiltIn(id);
  provider.apiKeyRequired = builtIn && builtIn->apiKeyRequired;  // custom ones: optional
  if (builtIn) {
    provider.api = builtIn->api;
    provider.baseUrl = builtIn->baseUrl;
    provider.apiKeyEnv = builtIn->apiKeyEnv;
    provider.apiKey = env(provider.apiKeyEnv).value_or("");
    if (!provider.apiKey.empty()) provider.apiKeyVariable = provider.apiKeyEnv;
  }

  const std::string base = "/models/providers/" + id;
  const nlohmann::json* entry = memberAt(config.root, {"models", "providers", id.c_str()});
  const bool configured = entry != nullptr;
  if (!builtIn && !configured) {
    std::string known;
    for (const std::string& name : builtInProviderIds()) {
      known += (known.empty() ? "" : ", ") + name;
    }
    unavailable = "unknown model provider \"" + id + "\": use one of " + known +
                  ", or define models.providers." + id + " with baseUrl and api in " +
                  config.path.string();
  }
  if (!configured) return provider;

  if (auto api = config.oneOf(base + "/api", {kOpenAiCompletionsApi, kAnthropicMessagesApi})) {
    provider.api = *api;
  }
  if (auto baseUrl = config.string(base + "/baseUrl")) {
    if (!baseUrl->starts_with("http://") && !baseUrl->starts_with("https://")) {
      throw config.errorAt(base + "/baseUrl",
                           "must be an http:// or https:// URL, got \"" + *baseUrl + "\"");
    }
    provider.baseUrl = *baseUrl;
  } else if (!builtIn) {
    unavailable = "models.providers." + id + " in " + config.path.string() +
                  " needs baseUrl (e.g. \"http://127.0.0.1:8080/v1\")";
  }
  while (provider.baseUrl.ends_with("/")) provider.baseUrl.pop_back();
  if (auto apiKey = config.string(base + "/apiKey")) {
    provider.apiKey = expandEnvReference(*apiKey, env);
    provider.apiKeyVariable.reset();
    if (provider.apiKey != *apiKey) provider.apiKeyVariable = apiKey->substr(2, apiKey->size() - 3);
  }
  if (const nlohmann::json* headers = memberAt(*entry, {"headers"})) {
    if (!headers->is_object()) throw config.errorAt(base + "/headers", "must be an object");
    for (const auto& item : headers->items()) {
      const std::string value = config.string(base + "/headers/" + item.key()).value_or("");
      provider.headers.emplace_back(item.key(), expandEnvReference(value, env));
    }
  }
  if (auto seconds = config.integer(base + "/timeoutSeconds", 1, 86'400)) {
    provider.timeoutMs = *seconds * 1000;
  }
  return provider;
}

}  // namespace

ModelSettings resolveModelSettings(const ConfigFile& config, const EnvLookup& env) {
  ModelSettings settings;
  std::string pointer;
  const std::optional<std::string> ref = modelRef(config, pointer);
  if (!ref) return settings;
  const std::size_t slash = ref->find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == ref->size()) {
    throw config.errorAt(
        pointer,
        "must be \"provider/model\" (e.g. \"anthropic/claude-sonnet-4-5\"), got \"" + *ref + "\"");
  }
  const std::string providerId = ref->substr(0, slash);
  if (providerId.find('~') != std::string::npos) {  // would be an escape in the JSON pointer
    throw config.errorAt(pointer, "provider id \"" + providerId + "\" may not contain '~'");
  }
  ModelSelection selection{*ref, ref->substr(slash + 1), {}, ""};
  selection.provider = providerSettings(config, providerId, env, selection.unavailable);
  settings.primary = std::move(selection);
  return settings;
}

std::optional<ModelSelection> sessionModelSelection(const ModelSettings& settings,
                                                    const std::string& ref, std::string& error) {
  if (!settings.primary) {
    error = "no model is configured (agents.defaults.model), so no session model can be chosen";
    return std::nullopt;
  }
  const std::string& providerId = settings.primary->provider.id;
  const std::size_t slash = ref.find('/');
  const std::string model = slash == std::string::npos ? ref : ref.substr(slash + 1);
  if (model.empty() || (slash != std::string::npos && ref.substr(0, slash) != providerId)) {
    error = "model \"" + ref +
            "\" is not available: a session can use models of the configured provider \"" +
            providerId + "\" (\"" + providerId + "/<model>\")";
    return std::nullopt;
  }
  ModelSelection selection = *settings.primary;
  selection.ref = providerId + "/" + model;
  selection.model = model;
  return selection;
}

std::string noModelConfiguredMessage(const std::string& configPath) {
  return "no model is configured: set agents.defaults.model to \"provider/model\" in " +
         configPath +
         " (e.g. \"anthropic/claude-sonnet-4-5\" with ANTHROPIC_API_KEY set, \"openai/gpt-5\" "
         "with OPENAI_API_KEY, or \"ollama/llama3.3\" for a local Ollama); see docs/agents.md";
}

std::vector<std::string> builtInProviderIds() {
  std::vector<std::string> ids;
  for (const BuiltInProvider& provider : kBuiltIns) ids.emplace_back(provider.id);
  return ids;
}

}  // namespace openclaw::config
